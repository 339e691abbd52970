import { eraseExpiredRapidReviews } from '../../core/retention/rapid-reviews';
import type { JobHandler } from '../handler';

/** Every hour: erase the case records the partnership's retention period has run out for. */
export const retentionSweep: JobHandler<'retention-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  return { ...(await eraseExpiredRapidReviews(deps, deps.now())) };
};

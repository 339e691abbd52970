import { runRapidReviewSweep } from '../../core/rapid-review/sweep';
import type { JobHandler } from '../handler';

/** Reminders, overdue requests and lost sends, from PostgreSQL (so a flushed Redis loses nothing). */
export const rapidReviewSweep: JobHandler<'rapid-review-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  return { ...(await runRapidReviewSweep(deps)) };
};

import { runForumSweep } from '../../core/forum/sweep';
import type { JobHandler } from '../handler';

/** Every minute: close forum forms at their deadline and send the reminders that are due (from PostgreSQL). */
export const forumSweep: JobHandler<'forum-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  return runForumSweep(deps);
};

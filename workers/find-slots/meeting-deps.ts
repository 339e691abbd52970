import type { WorkerDeps } from '../handler';
import type { MeetingJobDeps } from '../../core/meetings/find';

/** The meeting jobs' view of the worker: services plus Graph's calendar (or the local fake). */
export function meetingDeps(deps: WorkerDeps): MeetingJobDeps {
  return { ...deps, graphCalendar: deps.delivery.calendar };
}

export function isFinalAttempt(job: { attemptsMade: number; maxAttempts: number }): boolean {
  return job.attemptsMade + 1 >= job.maxAttempts;
}

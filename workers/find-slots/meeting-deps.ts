import type { JobControl, WorkerDeps } from '../handler';
import type { MeetingJobDeps } from '../../core/meetings/find';

/** The meeting jobs' view of the worker: services plus Graph's calendar (or the local fake). */
export function meetingDeps(deps: WorkerDeps): MeetingJobDeps {
  return { ...deps, graphCalendar: deps.delivery.calendar };
}

export function isFinalAttempt(job: { attemptsMade: number; maxAttempts: number }): boolean {
  return job.attemptsMade + 1 >= job.maxAttempts;
}

/** How soon a job that found its request or meeting busy (another job on it) looks again. */
export const BUSY_RETRY_MS = 2_000;

/**
 * A meeting job that found another run on the same request or meeting waits its turn rather than ending:
 * the other run may be one that is just finishing (the slot search still sending its card when the chair
 * picks), and the job must then act on what it left. Waiting does not use up an attempt.
 */
export async function unlessBusy(
  job: JobControl,
  run: Promise<{ outcome: string }>,
): Promise<Record<string, unknown>> {
  const result = await run;
  return result.outcome === 'already-running' ? job.retryAfter(BUSY_RETRY_MS) : result;
}

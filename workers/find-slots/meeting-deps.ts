import { RetryLater } from '../../core/meetings/find';
import { backoffMs } from '../deliver/handler';
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
 * Runs a meeting job's work. One that found another run on the same request or meeting waits its turn rather
 * than ending: the other run may be just finishing (the slot search still sending its card when the chair
 * picks), and the job must then act on what it left. One Graph throttled waits as long as Graph said. Neither
 * wait uses up an attempt; other failures go to BullMQ's backoff.
 */
export async function meetingJob(
  job: JobControl,
  run: Promise<{ outcome: string }>,
): Promise<Record<string, unknown>> {
  try {
    const result = await run;
    return result.outcome === 'already-running' ? job.retryAfter(BUSY_RETRY_MS) : result;
  } catch (e) {
    if (e instanceof RetryLater && e.failure.kind === 'throttled')
      return job.retryAfter(e.failure.retryAfterMs ?? backoffMs(job));
    throw e;
  }
}

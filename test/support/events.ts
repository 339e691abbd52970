import type { QueueEvents } from 'bullmq';

/** Resolves with the job id when a job of the queue completes or fails, as BullMQ reports it. */
export function nextJobOutcome(
  events: QueueEvents,
  timeoutMs = 10_000,
  matches: (jobId: string) => boolean = () => true,
): Promise<{ jobId: string; outcome: 'completed' | 'failed'; detail: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no job finished within ${timeoutMs} ms`));
    }, timeoutMs);
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (!matches(jobId)) return;
      cleanup();
      resolve({ jobId, outcome: 'completed', detail: JSON.stringify(returnvalue) });
    };
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
      if (!matches(jobId)) return;
      cleanup();
      resolve({ jobId, outcome: 'failed', detail: failedReason });
    };
    const cleanup = () => {
      clearTimeout(timer);
      events.off('completed', onCompleted);
      events.off('failed', onFailed);
    };
    events.on('completed', onCompleted);
    events.on('failed', onFailed);
  });
}

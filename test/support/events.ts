import type { QueueEvents } from 'bullmq';

/** Resolves with the job id when a job of the queue completes or fails, as BullMQ reports it. */
export function nextJobOutcome(
  events: QueueEvents,
  timeoutMs = 10_000,
): Promise<{ jobId: string; outcome: 'completed' | 'failed'; detail: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no job finished within ${timeoutMs} ms`));
    }, timeoutMs);
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      cleanup();
      resolve({ jobId, outcome: 'completed', detail: JSON.stringify(returnvalue) });
    };
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
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

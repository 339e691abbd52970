import { randomUUID } from 'node:crypto';
import type { JobPayload } from '../../workers/catalog';
import type { Queues } from '../../workers/queues';
import type { Services } from '../services/services';
import { refreshDeliveredCards } from '../delivery/send-message';
import { findReview, requestMessageIds } from './store';

type RefreshPayload = JobPayload<'rapid-review-refresh'>;

interface Waiting {
  payload: RefreshPayload;
  resolve(): void;
  reject(e: unknown): void;
}

/** Per producer: refreshes asked for while a write to Redis is in flight, sent together when it returns. */
const batches = new WeakMap<Queues, { waiting: Waiting[]; busy: boolean }>();

async function drain(queues: Queues, b: { waiting: Waiting[]; busy: boolean }): Promise<void> {
  b.busy = true;
  while (b.waiting.length > 0) {
    const batch = b.waiting.splice(0);
    try {
      if (batch.length === 1) await queues.enqueue('rapid-review-refresh', batch[0]!.payload);
      else
        await queues.enqueueMany(
          'rapid-review-refresh',
          batch.map((w) => ({ payload: w.payload, jobId: randomUUID() })),
        );
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
  b.busy = false;
}

/**
 * Queues the rewrite of a review's Teams cards after a change: the tracker and (optionally) every copy of
 * one request. One job instead of the look-ups and one update job per copy, so an answer is quick.
 * Resolves once the job is in Redis. Under load, answers that arrive while another answer's job is being
 * written share the next round trip (one pipelined addBulk) instead of one round trip each; alone, a job
 * is written at once (no waiting for company).
 */
export function queueCardRefresh(
  s: Pick<Services, 'queues'>,
  rapidReviewId: string,
  requestId?: string,
): Promise<void> {
  let b = batches.get(s.queues);
  if (!b) batches.set(s.queues, (b = { waiting: [], busy: false }));
  const batch = b;
  return new Promise<void>((resolve, reject) => {
    batch.waiting.push({
      payload: requestId ? { rapidReviewId, requestId } : { rapidReviewId },
      resolve,
      reject,
    });
    if (!batch.busy) void drain(s.queues, batch);
  });
}

/** The job: finds the delivered copies and queues their (debounced) card updates. */
export async function refreshReviewCards(
  s: Services,
  rapidReviewId: string,
  requestId?: string,
): Promise<Record<string, unknown>> {
  const review = await findReview(s.db, s.partnership.id, rapidReviewId);
  if (!review) return { skipped: 'no review' };
  let updates = 0;
  if (requestId)
    for (const id of await requestMessageIds(s.db, requestId)) updates += await refreshDeliveredCards(s, id);
  if (review.tracker_message_id) updates += await refreshDeliveredCards(s, review.tracker_message_id);
  return { updates };
}

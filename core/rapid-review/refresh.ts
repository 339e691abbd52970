import type { Services } from '../services/services';
import { refreshDeliveredCards } from '../delivery/send-message';
import { findReview, requestMessageIds } from './store';

/**
 * Queues the rewrite of a review's Teams cards after a change: the tracker and (optionally) every copy of
 * one request. One job instead of the look-ups and one update job per copy, so an answer is quick.
 */
export async function queueCardRefresh(
  s: Pick<Services, 'queues'>,
  rapidReviewId: string,
  requestId?: string,
): Promise<void> {
  await s.queues.enqueue(
    'rapid-review-refresh',
    requestId ? { rapidReviewId, requestId } : { rapidReviewId },
  );
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

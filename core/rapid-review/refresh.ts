import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { CARD_REFRESH_BATCH } from '../../workers/catalog';
import { withTimeout } from '../runtime/with-timeout';
import type { Database } from '../db/schema';
import type { Logger } from '../logger';
import type { Services } from '../services/services';
import { refreshDeliveredCards } from '../delivery/send-message';
import { findReview, requestMessageIds } from './store';

/**
 * Records that a review's Teams cards are stale: the tracker and, given a request, every copy of it. Pass
 * the transaction that made the change, so the mark commits with it. (The answer's one-statement fast path
 * writes the same row itself: core/rapid-review/answer-store.ts.)
 */
export async function markCardsStale(
  db: Kysely<Database>,
  partnershipId: string,
  rapidReviewId: string,
  requestId?: string,
): Promise<void> {
  await db
    .insertInto('rapid_review_card_refreshes')
    .values({ partnership_id: partnershipId, rapid_review_id: rapidReviewId, request_id: requestId ?? null })
    .execute();
}

const uuid = z.uuid();
const isUuid = (id: string) => uuid.safeParse(id).success;

/** A Redis that neither answers nor fails (the client retries for ever) must not hold the marks' locks. */
export const ENQUEUE_TIMEOUT_MS = 10_000;

/**
 * Turns recorded marks into `rapid-review-refresh` jobs, one per review whatever the number of answers
 * behind it. The marks are deleted in the transaction that queues the jobs, so a failed or timed-out
 * write to Redis leaves them for the next round (a late write only refreshes twice), and two workers
 * never take the same mark (SKIP LOCKED). A mark no job could carry (ids that are not UUIDs, written by
 * hand) is dropped with a warning rather than blocking every round after it.
 */
export async function drainCardRefreshes(
  s: Pick<Services, 'db' | 'queues' | 'partnership'>,
  opts: { logger?: Pick<Logger, 'warn'>; enqueueTimeoutMs?: number } = {},
): Promise<number> {
  return s.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ rapid_review_id: string; request_id: string | null }>`
      delete from rapid_review_card_refreshes
      where id in (
        select id from rapid_review_card_refreshes
        where partnership_id = ${s.partnership.id}
        order by id
        limit ${CARD_REFRESH_BATCH}
        for update skip locked)
      returning rapid_review_id, request_id`.execute(trx);
    if (rows.length === 0) return 0;
    const byReview = new Map<string, Set<string>>();
    let dropped = 0;
    for (const r of rows) {
      if (!isUuid(r.rapid_review_id) || (r.request_id !== null && !isUuid(r.request_id))) {
        dropped++;
        continue;
      }
      const requests = byReview.get(r.rapid_review_id) ?? new Set<string>();
      if (r.request_id) requests.add(r.request_id);
      byReview.set(r.rapid_review_id, requests);
    }
    if (dropped > 0) opts.logger?.warn({ dropped }, 'card refresh marks with malformed ids dropped');
    const valid = [...byReview].map(([rapidReviewId, requests]) => ({
      rapidReviewId,
      requestIds: [...requests],
    }));
    await withTimeout(
      s.queues.enqueueMany(
        'rapid-review-refresh',
        valid.map((payload) => ({ payload, jobId: randomUUID() })),
      ),
      opts.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS,
      'queueing card refreshes',
    );
    return rows.length;
  });
}

/** The job: finds the delivered copies and queues their (debounced) card updates. */
export async function refreshReviewCards(
  s: Services,
  rapidReviewId: string,
  requestIds: readonly string[],
): Promise<Record<string, unknown>> {
  const review = await findReview(s.db, s.partnership.id, rapidReviewId);
  if (!review) return { skipped: 'no review' };
  let updates = 0;
  for (const requestId of requestIds)
    for (const id of await requestMessageIds(s.db, requestId)) updates += await refreshDeliveredCards(s, id);
  if (review.tracker_message_id) updates += await refreshDeliveredCards(s, review.tracker_message_id);
  return { updates };
}

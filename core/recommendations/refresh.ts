import { refreshDeliveredCards } from '../delivery/send-message';
import type { Services } from '../services/services';

/** Rewrites a recommendation's cards: the chairs' copies (update-card) and the subgroup channel's copy. */
export async function refreshRecommendationCards(
  s: Pick<Services, 'db' | 'queues'>,
  recommendationId: string,
): Promise<void> {
  const messages = await s.db
    .selectFrom('recommendation_events')
    .select('message_id')
    .where('recommendation_id', '=', recommendationId)
    .where('message_id', 'is not', null)
    .execute();
  for (const { message_id } of messages) await refreshDeliveredCards(s, message_id!);
  const rec = await s.db
    .selectFrom('recommendations')
    .select('channel_activity_id')
    .where('id', '=', recommendationId)
    .executeTakeFirst();
  if (rec?.channel_activity_id) {
    const window = Math.floor(Date.now() / 2_000);
    await s.queues.enqueue(
      'update-recommendation-card',
      { recommendationId },
      { jobId: `rec-card~${recommendationId}~${window}`, delay: 500 },
    );
  }
}

import { refreshDeliveredCards } from '../delivery/send-message';
import type { Services } from '../services/services';
import { actionMessageIds } from './store';
import { refreshRecommendationCards } from '../recommendations/refresh';

/** After a change, every card about the action (and its recommendation's) is rewritten for everyone who has it. */
export async function refreshActionCards(
  s: Pick<Services, 'db' | 'queues'>,
  actionId: string,
  recommendationId?: string,
): Promise<void> {
  for (const messageId of await actionMessageIds(s.db, actionId)) await refreshDeliveredCards(s, messageId);
  if (recommendationId) await refreshRecommendationCards(s, recommendationId);
  else {
    const rec = await s.db
      .selectFrom('tracked_actions')
      .select(['source', 'source_id'])
      .where('id', '=', actionId)
      .executeTakeFirst();
    if (rec?.source === 'recommendation' && rec.source_id) await refreshRecommendationCards(s, rec.source_id);
  }
}

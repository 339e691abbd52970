import type { CardView } from '../actions/types';
import { loadRecommendationView, recommendationCard } from './render';

/** A routed recommendation as one chair sees it now (accept / re-route while routed). */
export const recommendationView: CardView = async (deps, { messageId, person }) => {
  const ev = await deps.db
    .selectFrom('recommendation_events')
    .select(['recommendation_id'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  if (!ev) return undefined;
  const loaded = await loadRecommendationView(deps, ev.recommendation_id);
  if (!loaded) return undefined;
  const recipients = await deps.db
    .selectFrom('deliveries')
    .select('person_id')
    .where('message_id', '=', messageId)
    .execute();
  return recommendationCard(deps, loaded.rec, {
    messageId,
    viewer: person,
    history: loaded.history,
    dueDate: loaded.dueDate,
    recipients: recipients.map((r) => r.person_id),
  });
};

import type { CardView } from '../actions/types';
import { teamsUserIds } from '../conversations/teams-user-ids';
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
    refreshUserIds: await teamsUserIds(
      deps.db,
      deps.partnership.id,
      recipients.map((r) => r.person_id),
    ),
  });
};

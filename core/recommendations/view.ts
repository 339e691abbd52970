import type { CardActionDeps, CardView } from '../actions/types';
import { teamsUserIds } from '../conversations/teams-user-ids';
import { loadRecommendationView, recommendationCard } from './render';

/** The recommendation a routing card (a message sent to the chairs) was sent for, if it is one. */
export async function recommendationIdForMessage(
  deps: Pick<CardActionDeps, 'db'>,
  messageId: string,
): Promise<string | undefined> {
  const ev = await deps.db
    .selectFrom('recommendation_events')
    .select('recommendation_id')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return ev?.recommendation_id;
}

/**
 * A routed recommendation as one chair sees it now (accept / re-route while routed). With
 * `recommendationId` (a card action's answer, whose messageId comes from card data), a message that is
 * not a card of that recommendation shows nothing.
 */
export const recommendationView = async (
  deps: Parameters<CardView>[0],
  { messageId, person }: Parameters<CardView>[1],
  recommendationId?: string,
): ReturnType<CardView> => {
  const forRecommendation = await recommendationIdForMessage(deps, messageId);
  if (!forRecommendation) return undefined;
  if (recommendationId !== undefined && forRecommendation !== recommendationId) return undefined;
  const loaded = await loadRecommendationView(deps, forRecommendation);
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

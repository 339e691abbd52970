import type { AdaptiveCardJson } from '../expand';

/** The verb of Teams' per-viewer refresh (kept equal to REFRESH_VERB in core/actions/refresh.ts). */
export const CARD_REFRESH_VERB = 'card.refresh';

/** Adds a Teams `refresh` so each listed viewer (at most 60) sees their own version of the card. */
export function withRefresh(
  card: AdaptiveCardJson,
  messageId: string,
  userIds?: readonly string[],
): AdaptiveCardJson {
  if (!userIds || userIds.length === 0) return card;
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb: CARD_REFRESH_VERB, data: { messageId } },
      userIds: userIds.slice(0, 60),
    },
  };
}

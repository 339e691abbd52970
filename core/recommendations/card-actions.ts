import { z } from 'zod';
import { RECOMMENDATION_VERBS } from '../../cards/recommendation';
import type { CardActionHandler } from '../actions/types';
import { asCardError } from '../tracked-actions/card-actions';
import { decideRecommendation, parseDecision, type RecommendationDecision } from './decide';
import { refreshRecommendationCards } from './refresh';
import { loadRecommendationView, recommendationCard } from './render';
import { routingJobId } from './route';
import { recommendationIdForMessage, recommendationView } from './view';

const target = z.object({
  recommendationId: z.uuid(),
  messageId: z.union([z.uuid(), z.literal('')]).optional(),
});

function decisionHandler(kind: RecommendationDecision['kind']): CardActionHandler {
  return async (deps, req) => {
    const t = target.safeParse(req.data);
    if (!t.success)
      return { kind: 'error', status: 400, message: 'This card is missing its recommendation reference.' };
    const { recommendationId } = t.data;
    const messageId = t.data.messageId || req.boundMessageId;
    if (
      req.boundMessageId &&
      (await recommendationIdForMessage(deps, req.boundMessageId)) !== recommendationId
    )
      return { kind: 'error', status: 403, message: 'This link is for a different recommendation.' };
    // The answer shows the card of messageId: it must be a card of this recommendation, not of another one.
    if (t.data.messageId && (await recommendationIdForMessage(deps, t.data.messageId)) !== recommendationId)
      return {
        kind: 'error',
        status: 400,
        message: 'messageId: this card belongs to a different recommendation, so nothing was changed.',
      };
    try {
      const outcome = await decideRecommendation(
        deps,
        recommendationId,
        req.person,
        parseDecision(kind, req.data),
      );
      await refreshRecommendationCards(deps, recommendationId);
      if (outcome.rerouted)
        await deps.queues.enqueue(
          'route-recommendation',
          { recommendationId },
          { jobId: routingJobId(recommendationId, outcome.rerouteEventId) },
        );
      const viewed = messageId
        ? await recommendationView(
            deps,
            { messageId, person: req.person, channel: req.channel, requested: true },
            recommendationId,
          )
        : undefined;
      if (viewed) return { kind: 'card', card: viewed, message: outcome.message };
      const loaded = await loadRecommendationView(deps, recommendationId);
      if (!loaded) return { kind: 'error', status: 404, message: 'This recommendation no longer exists.' };
      return {
        kind: 'card',
        card: recommendationCard(deps, loaded.rec, {
          messageId: '',
          history: loaded.history,
          dueDate: loaded.dueDate,
        }),
        message: outcome.message,
      };
    } catch (e) {
      return asCardError(e);
    }
  };
}

export const recommendationHandlers: Record<string, CardActionHandler> = {
  [RECOMMENDATION_VERBS.accept]: decisionHandler('accept'),
  [RECOMMENDATION_VERBS.reroute]: decisionHandler('reroute'),
  [RECOMMENDATION_VERBS.impact]: decisionHandler('impact'),
};

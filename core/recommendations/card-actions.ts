import { z } from 'zod';
import { RECOMMENDATION_VERBS } from '../../cards/recommendation';
import type { CardActionHandler } from '../actions/types';
import { asCardError } from '../tracked-actions/card-actions';
import { decideRecommendation, parseDecision, type RecommendationDecision } from './decide';
import { refreshRecommendationCards } from './refresh';
import { loadRecommendationView, recommendationCard } from './render';
import { recommendationView } from './view';

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
    if (req.boundMessageId) {
      const ev = await deps.db
        .selectFrom('recommendation_events')
        .select('recommendation_id')
        .where('message_id', '=', req.boundMessageId)
        .executeTakeFirst();
      if (ev?.recommendation_id !== recommendationId)
        return { kind: 'error', status: 403, message: 'This link is for a different recommendation.' };
    }
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
          { jobId: `reroute~${recommendationId}~${deps.now().getTime()}` },
        );
      const viewed = messageId
        ? await recommendationView(deps, { messageId, person: req.person, channel: req.channel })
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

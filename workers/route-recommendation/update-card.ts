import { findReferenceByConversation } from '../../core/conversations/store';
import { loadRecommendationView, recommendationCard } from '../../core/recommendations/render';
import { backoffMs } from '../deliver/handler';
import type { JobHandler } from '../handler';

/** Rewrites the copy of a recommendation card posted in a subgroup channel with its current state. */
export const updateRecommendationCard: JobHandler<'update-recommendation-card'> = async (
  deps,
  { recommendationId },
  job,
) => {
  const loaded = await loadRecommendationView(deps, recommendationId);
  const rec = loaded?.rec;
  if (!loaded || !rec?.channel_conversation_id || !rec.channel_activity_id)
    return { skipped: 'no channel card' };
  const ref = await findReferenceByConversation(deps.db, rec.channel_conversation_id);
  if (!ref) return { skipped: 'conversation gone' };
  const card = recommendationCard(deps, rec, {
    messageId: '',
    history: loaded.history,
    dueDate: loaded.dueDate,
  });
  const outcome = await deps.delivery.teams.update(ref, rec.channel_activity_id, card);
  if (outcome.kind === 'throttled') return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
  if (outcome.kind === 'transient') throw new Error(`card update failed: ${outcome.code}`);
  return { updated: outcome.kind === 'sent' };
};

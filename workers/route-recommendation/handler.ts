import { postRecommendationCard } from '../../core/recommendations/post';
import { routeRecommendation } from '../../core/recommendations/route';
import { backoffMs } from '../deliver/handler';
import type { JobHandler } from '../handler';

/**
 * Routes one recommendation (rules -> owning subgroup -> tracked action), then posts its card to the
 * subgroup's channel or chairs. Both steps are idempotent, so a retry or a duplicate job changes nothing.
 * A row not yet visible (its submitter's transaction is still open) is retried; a throttled channel post
 * waits as long as Teams said (Retry-After) without using up an attempt.
 */
export const routeRecommendationJob: JobHandler<'route-recommendation'> = async (
  deps,
  { recommendationId },
  job,
) => {
  const outcome = await routeRecommendation(deps, recommendationId);
  if (outcome.kind === 'missing') throw new Error('recommendation not found (yet)');
  const posted = await postRecommendationCard(deps, deps.delivery.teams, recommendationId);
  if (posted.posted === 'throttled') return job.retryAfter(posted.retryAfterMs ?? backoffMs(job));
  return { subgroupId: outcome.subgroupId, actionId: outcome.actionId, ...posted };
};

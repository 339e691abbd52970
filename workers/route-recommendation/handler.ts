import { routeRecommendation } from '../../core/recommendations/route';
import type { JobHandler } from '../handler';

/** Routes one recommendation. A row not yet visible (its submitter's transaction is open) is retried. */
export const routeRecommendationJob: JobHandler<'route-recommendation'> = async (
  deps,
  { recommendationId },
) => {
  const outcome = await routeRecommendation(deps, recommendationId);
  if (outcome.kind === 'missing') throw new Error('recommendation not found (yet)');
  return outcome;
};

import { refreshReviewCards } from '../../core/rapid-review/refresh';
import type { JobHandler } from '../handler';

/** After an answer or draft: the Teams copies of the request and the tracker are rewritten. */
export const rapidReviewRefresh: JobHandler<'rapid-review-refresh'> = (deps, { rapidReviewId, requestId }) =>
  refreshReviewCards(deps, rapidReviewId, requestId);

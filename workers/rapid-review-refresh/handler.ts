import { refreshReviewCards } from '../../core/rapid-review/refresh';
import type { JobHandler } from '../handler';

/** After answers or drafts: the Teams copies of the requests named and the tracker are rewritten. */
export const rapidReviewRefresh: JobHandler<'rapid-review-refresh'> = (deps, { rapidReviewId, requestIds }) =>
  refreshReviewCards(deps, rapidReviewId, requestIds);

/** Where a recommendation came from. */
export type RecommendationSource = 'rapid-review' | 'cspr' | 'audit' | 'manual';

/**
 * A recommendation handed to routing (core/recommendations/submit.ts,
 * `submitRecommendation(services, input)`): the routing job applies the
 * partnership's rules, records the owning subgroup and creates the tracked action.
 */
export interface NewRecommendation {
  source: RecommendationSource;
  /** The source's id in our database (e.g. a rapid review id), for the link back. */
  sourceId?: string;
  /** Case reference only, never a name. */
  caseReference?: string;
  /** A routing category from the partnership file (routing.rules[].category). */
  category: string;
  text: string;
  /** Person id of whoever recorded it. */
  createdBy: string;
}

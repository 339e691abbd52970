import template from './recommendation.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { withRefresh } from '../tracked-action/refresh';
import type { Fact } from '../tracked-action';

export const RECOMMENDATION_VERBS = {
  accept: 'recommendation.accept',
  reroute: 'recommendation.reroute',
  impact: 'recommendation.impact',
} as const;

export interface RecommendationCardData {
  partnership: string;
  heading: string;
  facts: Fact[];
  /** The recommendation as worded by the review (no child identifiers: case reference only). */
  text: string;
  history: Array<{ when: string; what: string }>;
  /** Accept / re-route buttons (while routed and not yet accepted). */
  canRoute: boolean;
  /** Record-impact button (once evidenced complete). */
  canReview: boolean;
  /** Subgroups it can be re-routed to (never the current one). */
  subgroups: Fact[];
  recommendationId: string;
  /** Empty for the copy posted in a subgroup channel. */
  messageId: string;
  refreshUserIds?: string[];
}

/** A recommendation routed to a subgroup: the chair accepts it or re-routes it with a reason. */
export function buildRecommendationCard(d: RecommendationCardData): AdaptiveCardJson {
  const card = expandCard(template, {
    ...d,
    history: d.history.length ? d.history : [{ when: '-', what: 'Nothing recorded yet' }],
    verbs: RECOMMENDATION_VERBS,
  });
  return d.messageId ? withRefresh(card, d.messageId, d.refreshUserIds) : card;
}

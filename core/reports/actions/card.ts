import type { Role } from '../../../config/partnership/schema';
import { buildActionsSummaryCard } from '../../../cards/actions-summary';
import type { AdaptiveCardJson } from '../../../cards/expand';
import type { RecommendationStage } from '../../db/tables/actions';
import { AUDIENCE_LABELS } from '../../tracked-actions/people';
import { formatDate } from '../../tracked-actions/render';
import { UNROUTED, type ActionsSummary } from './summary';

/** Who may see the actions summary: the Executive, the business unit, the partnership chair, the scrutineer. */
export const SUMMARY_ROLES: readonly Role[] = [
  'executive',
  'business-unit',
  'business-unit-manager',
  'partnership-chair',
  'scrutineer',
];

const STAGES: Record<RecommendationStage, string> = {
  submitted: 'Submitted',
  routed: 'Routed',
  accepted: 'Accepted',
  'in-progress': 'In progress',
  'evidenced-complete': 'Evidenced complete',
  'impact-reviewed': 'Impact reviewed',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The summary card for the Executive, from the same counts as `masa report actions`. */
export function actionsSummaryCard(s: ActionsSummary): AdaptiveCardJson {
  const open = s.subgroups.reduce((n, g) => n + g.open, 0);
  const overdue = s.subgroups.reduce((n, g) => n + g.overdue, 0);
  const openRecs = s.recommendations
    .filter((r) => r.stage !== 'impact-reviewed')
    .reduce((n, r) => n + r.count, 0);
  const bySubgroup = new Map<string, string[]>();
  for (const r of s.recommendations)
    bySubgroup.set(r.subgroupId, [...(bySubgroup.get(r.subgroupId) ?? []), `${STAGES[r.stage]} ${r.count}`]);
  return buildActionsSummaryCard({
    partnership: s.partnership,
    heading: `Actions summary, ${formatDate(s.asOf)}`,
    totals: { open, overdue, recommendations: openRecs },
    subgroups: s.subgroups
      .filter((g) => g.open + g.done + g.closedNotDone > 0)
      .map((g) => ({
        subgroupId: g.subgroupId,
        open: g.open,
        overdue: g.overdue,
        daysOverdueMax: g.daysOverdueMax,
      })),
    escalations: s.escalations
      .filter((e) => e.level !== 'owner')
      .map((e) => ({
        label: capitalise(AUDIENCE_LABELS[e.level].replace(/^the /, '')),
        text: `${plural(e.steps, 'escalation')}; ${plural(e.openActionsAtLevel, 'open action')} there now`,
      })),
    recommendations: [...bySubgroup].map(([subgroupId, parts]) => ({
      subgroupId: subgroupId === UNROUTED ? 'Not yet routed' : subgroupId,
      text: parts.join(' · '),
    })),
    footnote: 'Worst: most working days overdue. Counts only: no case details.',
  });
}

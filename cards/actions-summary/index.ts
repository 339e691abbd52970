import template from './summary.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export interface ActionsSummaryCardData {
  partnership: string;
  /** e.g. "Actions summary, 2 Dec 2026". */
  heading: string;
  totals: { open: number; overdue: number; recommendations: number };
  subgroups: Array<{ subgroupId: string; open: number; overdue: number; daysOverdueMax: number }>;
  /** One line per ladder level, e.g. { label: 'Subgroup chair', text: '12 steps; 3 open actions there now' }. */
  escalations: Array<{ label: string; text: string }>;
  /** One line per owning subgroup, e.g. { subgroupId: 'SEG', text: 'Routed 1 · Accepted 2' }. */
  recommendations: Array<{ subgroupId: string; text: string }>;
  footnote: string;
}

/** The Executive's summary of actions, escalations and recommendations (counts only, no case details). */
export function buildActionsSummaryCard(d: ActionsSummaryCardData): AdaptiveCardJson {
  // Numbers as strings: a TextBlock's text and a fact's value must be strings.
  return expandCard(template, {
    ...d,
    totals: {
      open: String(d.totals.open),
      overdue: String(d.totals.overdue),
      recommendations: String(d.totals.recommendations),
    },
    subgroups: d.subgroups.map((g) => ({
      subgroupId: g.subgroupId,
      open: String(g.open),
      overdue: String(g.overdue),
      daysOverdueMax: String(g.daysOverdueMax),
      overdueColor: g.overdue > 0 ? 'Attention' : 'Default',
    })),
  });
}

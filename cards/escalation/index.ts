import template from './escalation.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { withRefresh } from '../tracked-action/refresh';
import type { Fact } from '../tracked-action';

export const ESCALATION_VERBS = {
  extend: 'escalation.extend',
  reassign: 'escalation.reassign',
  chase: 'escalation.chase',
  complete: 'escalation.complete',
  escalate: 'escalation.escalate-now',
} as const;

export interface EscalationCardData {
  partnership: string;
  /** e.g. "Overdue by 4 working days: escalated to you as subgroup chair". */
  heading: string;
  title: string;
  facts: Fact[];
  /** Dated events, newest last: what happened, never free text about a child. */
  history: Array<{ when: string; what: string }>;
  closedText?: string;
  canAct: boolean;
  /** People the action can be reassigned to. */
  members: Fact[];
  /** Earliest new due date (today, YYYY-MM-DD). */
  minDate: string;
  messageId: string;
  actionId: string;
  refreshUserIds?: string[];
}

/** An overdue action escalated to a chair (or the business unit manager, or the Executive), with one-click choices. */
export function buildEscalationCard(d: EscalationCardData): AdaptiveCardJson {
  const card = expandCard(template, {
    ...d,
    history: d.history.length ? d.history : [{ when: '-', what: 'Nothing recorded yet' }],
    closedText: d.closedText ?? '',
    canAct: d.canAct && !d.closedText,
    verbs: ESCALATION_VERBS,
  });
  return withRefresh(card, d.messageId, d.refreshUserIds);
}

import template from './action.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { withRefresh } from './refresh';
import { ACTION_VERBS } from './verbs';

export { ACTION_VERBS } from './verbs';

export interface Fact {
  title: string;
  value: string;
}

export interface TrackedActionCardData {
  partnership: string;
  heading: string;
  /** Attention for overdue, Warning for due soon, Default otherwise. */
  tone: 'default' | 'warning' | 'attention';
  title: string;
  description: string;
  facts: Fact[];
  latestNote?: string;
  /** Set once the action is closed: the card becomes read-only. */
  closedText?: string;
  canUpdate: boolean;
  messageId: string;
  actionId: string;
  /** Viewers whose Teams client asks for their own version of the card (at most 60). */
  refreshUserIds?: string[];
}

const COLOURS = { default: 'Default', warning: 'Warning', attention: 'Attention' } as const;

/** An action as its owner sees it: the facts, the latest progress, and buttons to update it or mark it done. */
export function buildTrackedActionCard(d: TrackedActionCardData): AdaptiveCardJson {
  const card = expandCard(template, {
    ...d,
    headingColor: COLOURS[d.tone],
    latestNote: d.latestNote ?? '',
    closedText: d.closedText ?? '',
    canUpdate: d.canUpdate && !d.closedText,
    progressVerb: ACTION_VERBS.progress,
    completeVerb: ACTION_VERBS.complete,
  });
  return withRefresh(card, d.messageId, d.refreshUserIds);
}

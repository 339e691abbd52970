import template from './list.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export interface ActionListItem {
  title: string;
  /** e.g. "SEG · owner: Designated nurse · due 12 Mar 2027 · in progress". */
  line: string;
  overdue: boolean;
}

export interface ActionListCardData {
  partnership: string;
  heading: string;
  emptyText: string;
  items: ActionListItem[];
}

/** A list of actions (`my actions`, `actions <subgroup>`), overdue ones in red. */
export function buildActionListCard(d: ActionListCardData): AdaptiveCardJson {
  return expandCard(template, {
    ...d,
    items: d.items.map((i) => ({ ...i, color: i.overdue ? 'Attention' : 'Default' })),
  });
}

import template from './new-action.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import type { Fact } from '.';
import { ACTION_VERBS } from './verbs';

export interface NewActionCardData {
  partnership: string;
  subgroups: Fact[];
  people: Fact[];
  minDate: string;
}

/** The form a chair or the business unit fills in to create an action. */
export function buildNewActionCard(d: NewActionCardData): AdaptiveCardJson {
  return expandCard(template, { ...d, verb: ACTION_VERBS.create });
}

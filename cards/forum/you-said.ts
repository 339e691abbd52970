import template from './you-said.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export interface YouSaidCardData {
  partnership: string;
  title: string;
  answers: number;
  themes: Array<{ label: string; count: number; reply: string }>;
}

/** "You said, we did": each theme, how many raised it, and what the partnership did. No quotes, no names. */
export function buildYouSaidCard(d: YouSaidCardData): AdaptiveCardJson {
  return expandCard(template, d);
}

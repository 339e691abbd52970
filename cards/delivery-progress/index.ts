import template from './progress.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export interface ProgressCardData {
  subject: string;
  total: number;
  teams: number;
  email: number;
  pending: number;
  unconfirmed: number;
  failed: number;
  /** Staff recipients who could not be reached, with a plain reason. */
  problems: Array<{ name: string; reason: string }>;
}

export function buildProgressCard(d: ProgressCardData): AdaptiveCardJson {
  return expandCard(template, { ...d, done: d.total - d.pending });
}

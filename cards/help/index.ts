import template from './help.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export interface HelpCommand {
  command: string;
  description: string;
}

export interface HelpCardData {
  partnership: string;
  greeting: string;
  commands: HelpCommand[];
}

export function buildHelpCard(data: HelpCardData): AdaptiveCardJson {
  return expandCard(template, data);
}

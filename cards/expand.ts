import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card payload as sent to Teams (v1.5 JSON). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.5';
  [key: string]: unknown;
}

/** Expands a v1.5 card template with its data, the one place templating is called. */
export function expandCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  const card: unknown = new ACData.Template(template).expand({ $root: data });
  if (typeof card !== 'object' || card === null || (card as { type?: unknown }).type !== 'AdaptiveCard')
    throw new Error('card template did not expand to an AdaptiveCard');
  return card as AdaptiveCardJson;
}

import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card payload as sent to Teams (v1.5 JSON). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.5';
  [key: string]: unknown;
}

/**
 * Parsed templates, one per template object: parsing the expressions is most of the cost of a card, and
 * a Template can be bound to different data again and again (expansion is synchronous).
 */
const prepared = new WeakMap<object, ACData.Template>();

/** Expands a v1.5 card template with its data, the one place templating is called. */
export function expandCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  let compiled = prepared.get(template);
  if (!compiled) {
    compiled = new ACData.Template(template);
    prepared.set(template, compiled);
  }
  const card: unknown = compiled.expand({ $root: data });
  if (typeof card !== 'object' || card === null || (card as { type?: unknown }).type !== 'AdaptiveCard')
    throw new Error('card template did not expand to an AdaptiveCard');
  return card as AdaptiveCardJson;
}

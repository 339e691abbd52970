import type { AdaptiveCardJson } from '../../cards/expand';
import type { Person } from '../../config/partnership/schema';
import type { Services } from '../services/services';
import { cardViews } from './views';

/** The card one person should see for a message now: the kind's view, else the card as stored. */
export async function cardFor(
  s: Services,
  message: { id: string; kind: string; card: Record<string, unknown> },
  person: Person,
  channel: 'teams' | 'web',
): Promise<AdaptiveCardJson> {
  const view = Object.hasOwn(cardViews, message.kind) ? cardViews[message.kind] : undefined;
  const card = view ? await view(s, { messageId: message.id, person, channel, requested: false }) : undefined;
  return card ?? (message.card as AdaptiveCardJson);
}

import { z } from 'zod';
import { cardViews } from './views';
import type { CardActionHandler } from './types';
import type { AdaptiveCardJson } from '../../cards/expand';

/** The verb every card with per-viewer content puts in its `refresh.action`. */
export const REFRESH_VERB = 'card.refresh';

const data = z.object({ messageId: z.uuid() });

/**
 * Teams asks for the card as this viewer should see it; the message kind's view decides. When the view
 * shows nothing, the card as sent goes only to someone it was sent to: a message id alone is not enough.
 */
export const refreshCard: CardActionHandler = async (deps, req) => {
  const parsed = data.safeParse(req.data);
  if (!parsed.success)
    return { kind: 'error', status: 400, message: 'This card is missing its message reference.' };
  const { messageId } = parsed.data;
  if (req.boundMessageId && req.boundMessageId !== messageId)
    return { kind: 'error', status: 403, message: 'This link is for a different message.' };
  const message = await deps.db
    .selectFrom('messages')
    .select(['kind', 'card', 'partnership_id'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message || message.partnership_id !== deps.partnership.id)
    return { kind: 'error', status: 404, message: 'This card refers to something that no longer exists.' };
  const view = Object.hasOwn(cardViews, message.kind) ? cardViews[message.kind] : undefined;
  const card = view
    ? await view(deps, { messageId, person: req.person, channel: req.channel, requested: true })
    : undefined;
  if (card) return { kind: 'card', card, keepLinkOpen: true };
  const delivery = await deps.db
    .selectFrom('deliveries')
    .select('person_id')
    .where('message_id', '=', messageId)
    .where('person_id', '=', req.person.id)
    .executeTakeFirst();
  if (!delivery) return { kind: 'error', status: 403, message: 'This card was sent to someone else.' };
  return { kind: 'card', card: message.card as AdaptiveCardJson, keepLinkOpen: true };
};

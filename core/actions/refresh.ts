import { z } from 'zod';
import { cardViews } from './views';
import type { CardActionHandler } from './types';
import type { AdaptiveCardJson } from '../../cards/expand';

/** The verb every card with per-viewer content puts in its `refresh.action`. */
export const REFRESH_VERB = 'card.refresh';

const data = z.object({ messageId: z.uuid() });

/** Teams asks for the card as this viewer should see it; the message kind's view decides. */
export const refreshCard: CardActionHandler = async (deps, req) => {
  const parsed = data.safeParse(req.data);
  if (!parsed.success)
    return { kind: 'error', status: 400, message: 'This card is missing its message reference.' };
  const message = await deps.db
    .selectFrom('messages')
    .select(['kind', 'card', 'partnership_id'])
    .where('id', '=', parsed.data.messageId)
    .executeTakeFirst();
  if (!message || message.partnership_id !== deps.partnership.id)
    return { kind: 'error', status: 404, message: 'This card refers to something that no longer exists.' };
  const view = Object.hasOwn(cardViews, message.kind) ? cardViews[message.kind] : undefined;
  const card = view
    ? await view(deps, { messageId: parsed.data.messageId, person: req.person, channel: req.channel })
    : undefined;
  return { kind: 'card', card: card ?? (message.card as AdaptiveCardJson), keepLinkOpen: true };
};

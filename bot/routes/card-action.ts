import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { handleCardAction } from '../../core/actions/registry';
import type { BotContext } from '../bot-context';
import { emailOf } from './help';

const CARD = 'application/vnd.microsoft.card.adaptive';
const ERROR = 'application/vnd.microsoft.error';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/**
 * `adaptiveCard/action` (Action.Execute, including automatic refresh): who
 * pressed is taken from the activity and the directory, never from card data;
 * the same handler runs for the emailed web form.
 */
export async function onCardAction(
  ctx: BotContext,
  turn: TurnContext,
  value: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const activity = turn.activity;
  const person = ctx.directory.identify({ aadObjectId: activity.from?.aadObjectId, email: emailOf(turn) });
  const verb = value.action?.verb ?? '';
  if (!person) {
    return {
      statusCode: 200,
      type: MESSAGE,
      value:
        `You are not in the ${ctx.partnership.shortName} directory, so this card cannot act for you.` as never,
    };
  }
  const automatic = (value as { trigger?: string }).trigger === 'automatic';
  const result = await handleCardAction(ctx, {
    verb,
    data: value.action?.data ?? {},
    person,
    channel: 'teams',
    automatic,
  });
  ctx.logger.info(
    { personId: person.id, verb, conversationId: activity.conversation?.id, outcome: result.kind },
    'card action',
  );
  if (result.kind === 'card') return { statusCode: 200, type: CARD, value: result.card as never };
  if (automatic && result.status === 403) {
    // Someone else in the chat: they keep the card as sent, which shows status only.
    return { statusCode: 200, type: MESSAGE, value: result.message as never };
  }
  return {
    statusCode: result.status,
    type: ERROR,
    value: { code: String(result.status), message: result.message } as never,
  };
}

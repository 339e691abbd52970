import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { BotContext } from './bot-context';
import { onMessage } from './routes/message';
import { onInstalled, onUninstalled } from './routes/install';
import { onCardAction } from './routes/card-action';

/** Routes each activity type to its handler; the handlers call the core. */
export class MasaBot extends ActivityHandler {
  constructor(private readonly ctx: BotContext) {
    super();
    this.onMessage(async (turn, next) => {
      await onMessage(ctx, turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      const botId = turn.activity.recipient?.id;
      if (turn.activity.membersAdded?.some((m) => m.id === botId))
        await onInstalled(ctx, turn, { greet: true });
      await next();
    });
    this.onInstallationUpdateAdd(async (turn, next) => {
      await onInstalled(ctx, turn, { greet: false });
      await next();
    });
    this.onInstallationUpdateRemove(async (turn, next) => {
      await onUninstalled(ctx, turn);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(
    turn: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return onCardAction(this.ctx, turn, value);
  }
}

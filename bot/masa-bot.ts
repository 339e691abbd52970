import { ActivityHandler } from 'botbuilder';
import type { BotContext } from './bot-context';
import { onMessage } from './routes/message';
import { onInstalled, onUninstalled } from './routes/install';

/** Routes each activity type to its handler; the handlers call the core. */
export class MasaBot extends ActivityHandler {
  constructor(ctx: BotContext) {
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
}

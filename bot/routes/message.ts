import { TurnContext } from 'botbuilder';
import { isPersonalOnly } from '../../core/commands/catalog';
import { parseCommand } from '../../core/commands/parse';
import type { BotContext } from '../bot-context';
import { sendNotInDirectory, emailOf } from './help';
import { commandHandlers } from '../commands/registry';
import { isPersonalChat } from '../conversation-scope';

/** A typed message: strip the @mention, find the command, hand over to its handler. */
export async function onMessage(ctx: BotContext, turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  const person = ctx.directory.identify({ aadObjectId: activity.from?.aadObjectId, email: emailOf(turn) });
  if (!person) {
    await sendNotInDirectory(ctx, turn);
    return;
  }
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  const parsed = parseCommand(text);
  ctx.logger.info(
    {
      personId: person.id,
      conversationId: activity.conversation.id,
      command: parsed.kind === 'command' ? parsed.name : 'unknown',
    },
    'message received',
  );
  if (parsed.kind === 'command') {
    const handler = Object.hasOwn(commandHandlers, parsed.name) ? commandHandlers[parsed.name] : undefined;
    if (handler && isPersonalOnly(parsed.name) && !isPersonalChat(activity)) {
      await turn.sendActivity(
        `"${parsed.name}" shows case details, so I answer it only in a 1:1 chat: ` +
          'send it to me in a personal chat with the app.',
      );
      return;
    }
    if (handler) {
      await handler(ctx, turn, { person, args: parsed.args, text });
      return;
    }
  }
  const hint = parsed.kind === 'unknown' && parsed.suggestion ? ` Did you mean "${parsed.suggestion}"?` : '';
  await turn.sendActivity(`I didn't recognise that.${hint} Type "help" to see what I can do.`);
}

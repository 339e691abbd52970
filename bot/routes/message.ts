import { TurnContext } from 'botbuilder';
import { parseCommand } from '../../core/commands/parse';
import type { BotContext } from '../bot-context';
import { sendHelp, sendNotInDirectory, emailOf } from './help';

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
    switch (parsed.name) {
      case 'help':
        await sendHelp(ctx, turn);
        return;
    }
  }
  const hint = parsed.kind === 'unknown' && parsed.suggestion ? ` Did you mean "${parsed.suggestion}"?` : '';
  await turn.sendActivity(`I didn't recognise that.${hint} Type "help" to see what I can do.`);
}

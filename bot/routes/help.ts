import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { buildHelpCard } from '../../cards/help';
import { commandsFor } from '../../core/commands/catalog';
import type { BotContext } from '../bot-context';
import { isPersonalChat } from '../conversation-scope';
import { escapeHtml } from '../../core/text/escape-html';

export async function sendHelp(ctx: BotContext, turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  const person = ctx.directory.identify({ aadObjectId: activity.from?.aadObjectId, email: emailOf(turn) });
  const partnership = ctx.directory.partnership;
  if (!person) {
    await sendNotInDirectory(ctx, turn);
    return;
  }
  const shared = !isPersonalChat(activity);
  const commands = commandsFor(person.roles).map((c) => ({
    command: c.usage,
    description: shared && c.personalOnly ? `${c.description} (answered in a 1:1 chat)` : c.description,
  }));
  if (activity.channelId === 'email') {
    const rows = commands.map(
      (c) => `<li><b>${escapeHtml(c.command)}</b>: ${escapeHtml(c.description)}</li>`,
    );
    await turn.sendActivity({
      type: 'message',
      textFormat: 'xml',
      text: `<p>${escapeHtml(partnership.shortName)} safeguarding assistant. Reply with one of these:</p><ul>${rows.join('')}</ul>`,
    });
    return;
  }
  const card = buildHelpCard({
    partnership: partnership.shortName,
    greeting: `Hello ${person.displayName}. Type one of these commands:`,
    commands,
  });
  await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

export async function sendNotInDirectory(ctx: BotContext, turn: TurnContext): Promise<void> {
  const manager = ctx.directory.withRole('business-unit-manager')[0];
  const contact = manager ? ` Please contact the business unit (${manager.email}) to be added.` : '';
  await turn.sendActivity(
    `Sorry, I can't find you in the ${ctx.directory.partnership.shortName} directory, so I can't help with partnership work yet.${contact}`,
  );
}

/** On the email channel the sender's address is the account id. */
export function emailOf(turn: TurnContext): string | undefined {
  return turn.activity.channelId === 'email' ? turn.activity.from?.id : undefined;
}

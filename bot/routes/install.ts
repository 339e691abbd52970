import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { claimWelcome, saveConversationReference, markUninstalled } from '../../core/conversations/store';
import { appendAudit } from '../../core/audit/append';
import { referenceFromActivity } from '../conversation-reference';
import { isPersonalChat } from '../conversation-scope';
import type { BotContext } from '../bot-context';
import { buildWelcomeCard } from '../../cards/welcome';
import { commandsFor } from '../../core/commands/catalog';
import { reply } from '../reply';
import { sendNotInDirectory } from './help';

/**
 * The bot was added to a conversation (app installed for a person, a chat or a
 * team): keep the conversation reference so that later messages can be sent
 * proactively. Teams sends both conversationUpdate and installationUpdate for
 * one install; both save (idempotently), and the conversationUpdate greets once
 * per install however often it repeats.
 */
export async function onInstalled(
  ctx: BotContext,
  turn: TurnContext,
  opts: { greet: boolean },
): Promise<void> {
  const activity = turn.activity;
  const person = ctx.directory.identify({ aadObjectId: activity.from?.aadObjectId });
  const partnershipId = ctx.directory.partnership.id;
  const personal = isPersonalChat(activity);
  await saveConversationReference(ctx.db, {
    partnershipId,
    personId: personal ? (person?.id ?? null) : null,
    reference: referenceFromActivity(activity),
  });
  await appendAudit(ctx.db, {
    partnershipId,
    actor: person?.id ?? 'unknown',
    action: 'bot.installed',
    subjectType: 'conversation',
    subjectId: activity.conversation.id,
    details: { conversationType: activity.conversation?.conversationType ?? 'personal' },
  });
  ctx.logger.info(
    { conversationId: activity.conversation.id, personId: person?.id },
    'conversation reference saved',
  );
  if (!opts.greet || !(await claimWelcome(ctx.db, activity.conversation.id))) return;
  if (personal) await sendWelcome(ctx, turn);
  else
    await reply(turn, {
      text: `Hello, I'm the ${ctx.directory.partnership.shortName} safeguarding assistant. @mention me with "help" to see what you can do here. Cards and messages carry case references only.`,
    });
}

/**
 * The personal welcome: what this person can do with their roles and subgroup
 * seats, and the commands open to them. Someone not in the directory is told
 * whom to contact and nothing else.
 */
export async function sendWelcome(ctx: BotContext, turn: TurnContext): Promise<void> {
  const person = ctx.directory.identify({ aadObjectId: turn.activity.from?.aadObjectId });
  if (!person) {
    await sendNotInDirectory(ctx, turn);
    return;
  }
  const chairs = ctx.directory.subgroupsChairedBy(person.id);
  const memberOf = ctx.directory.subgroupsOf(person.id).filter((g) => !chairs.includes(g));
  const card = buildWelcomeCard({
    partnership: ctx.directory.partnership.shortName,
    displayName: person.displayName,
    roles: person.roles,
    chairs: chairs.map((g) => ({ id: g.id, name: g.name })),
    memberOf: memberOf.map((g) => ({ id: g.id, name: g.name })),
    commands: commandsFor(person.roles).map((c) => ({ command: c.usage, description: c.description })),
  });
  await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

export async function onUninstalled(ctx: BotContext, turn: TurnContext): Promise<void> {
  await markUninstalled(ctx.db, turn.activity.conversation.id);
  ctx.logger.info({ conversationId: turn.activity.conversation.id }, 'bot removed from conversation');
}

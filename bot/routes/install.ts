import type { TurnContext } from 'botbuilder';
import { saveConversationReference, markUninstalled } from '../../core/conversations/store';
import { appendAudit } from '../../core/audit/append';
import { referenceFromActivity } from '../conversation-reference';
import type { BotContext } from '../bot-context';
import { sendHelp } from './help';

/**
 * The bot was added to a conversation (app installed for a person, a chat or a
 * team): keep the conversation reference so that later messages can be sent
 * proactively. Teams sends both conversationUpdate and installationUpdate for
 * one install; both save (idempotently), only the first greets.
 */
export async function onInstalled(
  ctx: BotContext,
  turn: TurnContext,
  opts: { greet: boolean },
): Promise<void> {
  const activity = turn.activity;
  const person = ctx.directory.identify({ aadObjectId: activity.from?.aadObjectId });
  const partnershipId = ctx.directory.partnership.id;
  const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
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
  if (personal && opts.greet) await sendHelp(ctx, turn);
}

export async function onUninstalled(ctx: BotContext, turn: TurnContext): Promise<void> {
  await markUninstalled(ctx.db, turn.activity.conversation.id);
  ctx.logger.info({ conversationId: turn.activity.conversation.id }, 'bot removed from conversation');
}

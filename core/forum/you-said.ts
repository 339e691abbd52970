import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { buildYouSaidCard } from '../../cards/forum/you-said';
import { FORUM_REPLY_MAX, FORUM_VERBS } from '../../cards/forum/verbs';
import { appendAudit } from '../audit/append';
import { sendMessage } from '../delivery/send-message';
import { AppError } from '../errors';
import type { Services } from '../services/services';
import { canOrganiseForum } from './access';
import { buildForumReport } from './report';
import { sessionById, type ForumSession } from './sessions-store';

export const FORUM_YOU_SAID_KIND = 'forum-you-said';

const data = z
  .object({ sessionId: z.uuid({ message: 'This card is missing its forum reference.' }) })
  .catchall(z.unknown());

/**
 * The advisor's "you said, we did": a reply to each theme raised, stored, then sent to every DSL the
 * form went to (once). Quotes are never sent, only the theme, how many raised it and the reply.
 */
export async function sendYouSaid(
  s: Services,
  person: Person,
  raw: unknown,
): Promise<{ session: ForumSession; recipients: number }> {
  if (!canOrganiseForum(person))
    throw new AppError(
      'NOT_AUTHORISED',
      'Only the Safeguarding Education Advisor or the business unit can reply to DSLs.',
    );
  const parsed = data.safeParse(raw);
  if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]!.message);
  const session = await sessionById(s.db, s.partnership.id, parsed.data.sessionId);
  if (!session) throw new AppError('NOT_FOUND', 'This forum session no longer exists.');
  if (session.status !== 'closed')
    throw new AppError(
      'CONFLICT',
      `The form for ${session.reference} is still open: reply once it has closed.`,
    );
  if (session.you_said_message_id)
    throw new AppError('CONFLICT', `"You said, we did" for ${session.reference} has already been sent.`);
  const report = await buildForumReport(s, session);
  const raised = report.themes.filter((t) => t.count > 0);
  const replies: Array<{ id: string; label: string; count: number; reply: string }> = [];
  for (const t of raised) {
    const value = parsed.data[`reply_${t.id}`];
    if (value !== undefined && typeof value !== 'string')
      throw new AppError('BAD_INPUT', `${t.label}: expected text.`);
    const reply = (value ?? '').trim();
    if (reply.length > FORUM_REPLY_MAX)
      throw new AppError(
        'BAD_INPUT',
        `${t.label}: please keep your reply to ${FORUM_REPLY_MAX.toLocaleString('en-GB')} characters or fewer.`,
      );
    if (reply) replies.push({ id: t.id, label: t.label, count: t.count, reply });
  }
  if (replies.length === 0)
    throw new AppError('BAD_INPUT', 'Write a reply to at least one theme before sending.');

  const recipients = (
    await s.db
      .selectFrom('forum_recipients')
      .select('person_id')
      .where('session_id', '=', session.id)
      .execute()
  )
    .map((r) => r.person_id)
    .filter((id) => s.directory.person(id));
  if (recipients.length === 0)
    throw new AppError('BAD_INPUT', 'None of the DSLs this form went to is still in the directory.');

  const messageId = randomUUID();
  const claimed = await s.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('forum_sessions')
      .set({ you_said_message_id: messageId })
      .where('id', '=', session.id)
      .where('you_said_message_id', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    for (const r of replies)
      await trx
        .insertInto('forum_theme_replies')
        .values({ session_id: session.id, theme_id: r.id, text: r.reply, written_by: person.id })
        .onConflict((oc) =>
          oc.columns(['session_id', 'theme_id']).doUpdateSet({ text: r.reply, written_by: person.id }),
        )
        .execute();
    await trx
      .insertInto('forum_messages')
      .values({ message_id: messageId, session_id: session.id, purpose: 'you-said', reminder_offset: null })
      .execute();
    await appendAudit(trx, {
      partnershipId: s.partnership.id,
      actor: person.id,
      action: 'forum.you-said-sent',
      subjectType: 'forum-session',
      subjectId: session.id,
      details: { themes: replies.length, recipients: recipients.length },
    });
    return row;
  });
  if (!claimed)
    throw new AppError('CONFLICT', `"You said, we did" for ${session.reference} has already been sent.`);
  await sendMessage(s, {
    id: messageId,
    partnershipId: s.partnership.id,
    kind: FORUM_YOU_SAID_KIND,
    subject: `${session.reference}: you said, we did`,
    summary: `What DSLs told the partnership after the forum (${session.half_term}), and what the partnership has done about it.`,
    card: buildYouSaidCard({
      partnership: s.partnership.shortName,
      title: session.title,
      answers: report.answers,
      themes: replies.map((r) => ({ label: r.label, count: r.count, reply: r.reply })),
    }),
    // Email recipients get a link to read the card in the web form (it has no buttons).
    formVerb: FORUM_VERBS.youSaid,
    createdBy: person.id,
    recipients,
  });
  return { session: claimed, recipients: recipients.length };
}

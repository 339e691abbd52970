import { randomUUID } from 'node:crypto';
import type { Person } from '../../config/partnership/schema';
import { FORUM_VERBS } from '../../cards/forum/verbs';
import { appendAudit } from '../audit/append';
import { sendMessage } from '../delivery/send-message';
import { AppError } from '../errors';
import type { Services } from '../services/services';
import { canOrganiseForum } from './access';
import { endOfWorkingDay, formatMoment } from './format';
import { formCardAsSent } from './form-view';
import { forumRecipients } from './recipients';
import { newRespondentSalt } from './respondent-key';
import { sessionByReference, type ForumSession } from './sessions-store';

export const FORUM_FORM_KIND = 'forum-form';

/**
 * Issues a session's opinion form to every DSL (and deputy, if configured): the session opens with its
 * deadline and recipients recorded, then one message goes to all of them through the delivery pipeline
 * (the sender sees the progress card). The forum sweep re-sends if the process dies in between.
 */
export async function issueForm(
  s: Services,
  person: Person,
  reference: string,
): Promise<{ session: ForumSession; recipients: number }> {
  if (!canOrganiseForum(person))
    throw new AppError(
      'NOT_AUTHORISED',
      'Only the Safeguarding Education Advisor or the business unit can issue the forum form.',
    );
  const forum = s.partnership.forum;
  if (!forum)
    throw new AppError('BAD_INPUT', `The ${s.partnership.shortName} partnership file has no DSL forum.`);
  const found = await sessionByReference(s.db, s.partnership.id, reference);
  if (!found)
    throw new AppError(
      'NOT_FOUND',
      `Reference: no forum session "${reference}". Type "forum sessions" to list them.`,
    );
  if (found.status !== 'scheduled')
    throw new AppError(
      'CONFLICT',
      `The form for ${found.reference} has already been issued (it is ${found.status}).`,
    );
  const recipients = forumRecipients(s.partnership);
  if (recipients.length === 0)
    throw new AppError(
      'BAD_INPUT',
      'schools: the partnership file lists no schools with a DSL to send the form to.',
    );

  const now = s.now();
  const deadlineDate = s.calendar.addWorkingDays(s.calendar.localDate(now), forum.responseWorkingDays);
  const deadline = endOfWorkingDay(deadlineDate, s.partnership.workingHours.end, s.partnership.timeZone);
  const messageId = randomUUID();
  const opened = await s.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('forum_sessions')
      .set({
        status: 'open',
        message_id: messageId,
        issued_by: person.id,
        issued_at: now,
        deadline_at: deadline,
        anonymous: forum.anonymous,
        respondent_salt: newRespondentSalt(),
      })
      .where('id', '=', found.id)
      .where('status', '=', 'scheduled')
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    for (let i = 0; i < recipients.length; i += 1000) {
      await trx
        .insertInto('forum_recipients')
        .values(
          recipients.slice(i, i + 1000).map((r) => ({
            session_id: found.id,
            person_id: r.personId,
            school_id: r.schoolId,
            phase: r.phase,
            role: r.role,
            answered_at: null,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('forum_messages')
      .values({ message_id: messageId, session_id: found.id, purpose: 'form', reminder_offset: null })
      .execute();
    await appendAudit(trx, {
      partnershipId: s.partnership.id,
      actor: person.id,
      action: 'forum.issued',
      subjectType: 'forum-session',
      subjectId: found.id,
      details: { reference: found.reference, recipients: recipients.length, anonymous: forum.anonymous },
    });
    return updated;
  });
  if (!opened) throw new AppError('CONFLICT', `The form for ${found.reference} has already been issued.`);
  await sendFormMessage(s, opened, messageId, 'form');
  return { session: opened, recipients: recipients.length };
}

/** Sends the form (or a reminder) recorded in forum_messages to its recipients. */
export async function sendFormMessage(
  s: Pick<Services, 'db' | 'queues' | 'partnership'>,
  session: ForumSession,
  messageId: string,
  purpose: 'form' | 'reminder',
  recipients?: string[],
): Promise<number> {
  const to =
    recipients ??
    (
      await s.db
        .selectFrom('forum_recipients')
        .select('person_id')
        .where('session_id', '=', session.id)
        .execute()
    ).map((r) => r.person_id);
  if (to.length === 0) return 0;
  const closes = session.deadline_at ? formatMoment(session.deadline_at, s.partnership.timeZone) : 'soon';
  const forumName = s.partnership.forum?.name ?? 'DSL forum';
  await sendMessage(s, {
    id: messageId,
    partnershipId: s.partnership.id,
    kind: FORUM_FORM_KIND,
    subject:
      `${session.reference}: ${purpose === 'reminder' ? 'reminder, ' : ''}${forumName} opinion form`.slice(
        0,
        160,
      ),
    summary:
      (purpose === 'reminder' ? 'We have not had your answer yet. ' : '') +
      `Please tell the partnership how the forum went: what works, what worries you and what you would like next time. The form closes on ${closes}.`,
    card: formCardAsSent(s, session, { reminder: purpose === 'reminder' }),
    formVerb: FORUM_VERBS.answer,
    createdBy: session.issued_by ?? session.created_by,
    recipients: to,
  });
  return to.length;
}

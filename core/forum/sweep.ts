import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append';
import { refreshDeliveredCards, sendMessage } from '../delivery/send-message';
import type { Services } from '../services/services';
import { forumReportCardFor } from './report-card';
import { buildForumReport } from './report';
import { FORUM_FORM_KIND, sendFormMessage } from './issue';
import type { ForumSession } from './sessions-store';
import { isUniqueViolation } from '../db/errors';

export const FORUM_REPORT_KIND = 'forum-report';
const ACTOR = 'system:forum-sweep';

/**
 * The forum's sweep over PostgreSQL (run every minute by the forum-sweep job): closes forms whose
 * deadline has passed, sends the reminder due at each configured working-day offset (inside working
 * hours, only to those who have not answered), and re-sends any form, reminder or closing report recorded
 * but never sent (the process died in between). Redis holds nothing it needs.
 */
export async function runForumSweep(
  s: Services,
): Promise<{ closed: number; reminded: number; repaired: number }> {
  const now = s.now();
  const open = await s.db
    .selectFrom('forum_sessions')
    .selectAll()
    .where('partnership_id', '=', s.partnership.id)
    .where('status', '=', 'open')
    .execute();
  let closed = 0;
  let reminded = 0;
  const repaired = (await repairUnsent(s, open)) + (await finishInterruptedClosings(s, now));
  for (const session of open) {
    if (session.deadline_at && now.getTime() >= session.deadline_at.getTime()) {
      if (await closeSession(s, session)) closed += 1;
      continue;
    }
    reminded += await remindIfDue(s, session, now);
  }
  return { closed, reminded, repaired };
}

/** Messages recorded for a form but missing from `messages`: sent again with the same id. */
async function repairUnsent(s: Services, open: ForumSession[]): Promise<number> {
  if (open.length === 0) return 0;
  const missing = await s.db
    .selectFrom('forum_messages')
    .leftJoin('messages', 'messages.id', 'forum_messages.message_id')
    .select(['forum_messages.message_id', 'forum_messages.session_id', 'forum_messages.purpose'])
    .where(
      'forum_messages.session_id',
      'in',
      open.map((x) => x.id),
    )
    .where('forum_messages.purpose', 'in', ['form', 'reminder'])
    .where('messages.id', 'is', null)
    .execute();
  for (const m of missing) {
    const session = open.find((x) => x.id === m.session_id)!;
    await sendFormMessage(
      s,
      session,
      m.message_id,
      m.purpose === 'form' ? 'form' : 'reminder',
      m.purpose === 'form' ? undefined : await nonResponders(s, session.id),
    );
  }
  return missing.length;
}

async function nonResponders(s: Services, sessionId: string): Promise<string[]> {
  const rows = await s.db
    .selectFrom('forum_recipients')
    .select('person_id')
    .where('session_id', '=', sessionId)
    .where('answered_at', 'is', null)
    .execute();
  return rows.map((r) => r.person_id).filter((id) => s.directory.person(id));
}

/**
 * The latest reminder offset that is due and later than any already sent: one reminder, even if the
 * sweep missed several offsets, and only inside working hours.
 */
async function remindIfDue(s: Services, session: ForumSession, now: Date): Promise<number> {
  const forum = s.partnership.forum;
  if (!forum || !session.issued_at) return 0;
  const issuedOn = s.calendar.localDate(session.issued_at);
  const due = [...new Set(forum.reminderWorkingDays)]
    .filter((d) => d < forum.responseWorkingDays)
    .filter(
      (d) =>
        s.calendar.atStartOfWorkingDay(s.calendar.addWorkingDays(issuedOn, d)).getTime() <= now.getTime(),
    );
  if (due.length === 0 || !s.calendar.isWithinWorkingHours(now)) return 0;
  const sent = await s.db
    .selectFrom('forum_messages')
    .select((eb) => eb.fn.max('reminder_offset').as('last'))
    .where('session_id', '=', session.id)
    .where('purpose', '=', 'reminder')
    .executeTakeFirst();
  const last = sent?.last ?? 0;
  const offset = Math.max(...due);
  if (offset <= last) return 0;
  const to = await nonResponders(s, session.id);
  if (to.length === 0) return 0;
  const messageId = randomUUID();
  const claimed = await s.db
    .insertInto('forum_messages')
    .values({ message_id: messageId, session_id: session.id, purpose: 'reminder', reminder_offset: offset })
    .onConflict((oc) => oc.columns(['session_id', 'reminder_offset']).doNothing())
    .returning('message_id')
    .executeTakeFirst();
  if (!claimed) return 0;
  await appendAudit(s.db, {
    partnershipId: s.partnership.id,
    actor: ACTOR,
    action: 'forum.reminded',
    subjectType: 'forum-session',
    subjectId: session.id,
    details: { offsetWorkingDays: offset, recipients: to.length },
  });
  await sendFormMessage(s, session, messageId, 'reminder', to);
  return to.length;
}

/** A closing whose report is recorded but not sent is left this long to the worker doing it. */
const CLOSING_GRACE_MS = 60_000;

/** Closings recorded but not finished (the process died after the commit): finished again. */
async function finishInterruptedClosings(s: Services, now: Date): Promise<number> {
  const unsent = await s.db
    .selectFrom('forum_messages')
    .innerJoin('forum_sessions', 'forum_sessions.id', 'forum_messages.session_id')
    .leftJoin('messages', 'messages.id', 'forum_messages.message_id')
    .selectAll('forum_sessions')
    .select('forum_messages.message_id as report_message_id')
    .where('forum_sessions.partnership_id', '=', s.partnership.id)
    .where('forum_sessions.status', '=', 'closed')
    .where('forum_sessions.closed_at', '<', new Date(now.getTime() - CLOSING_GRACE_MS))
    .where('forum_messages.purpose', '=', 'report')
    .where('messages.id', 'is', null)
    .execute();
  for (const { report_message_id, ...session } of unsent) await finishClosing(s, session, report_message_id);
  return unsent.length;
}

/**
 * Closes a form at its deadline: erases the respondent key and rewrites the answers (so nothing links an
 * answer to a person any more) and records the report for whoever issued it, in one transaction; then
 * updates every Teams copy of the form to its closed state and sends the report. If the process dies after
 * the commit, the sweep finishes the closing from what was recorded.
 */
export async function closeSession(s: Services, session: ForumSession): Promise<boolean> {
  const now = s.now();
  const closed = await s.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('forum_sessions')
      .set({ status: 'closed', closed_at: now, respondent_salt: null })
      .where('id', '=', session.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    // The answers are written again in random order under new ids, without their keys: each was stored in
    // the transaction that audited its author (same transaction id, adjacent place on disk), which would
    // otherwise let anyone with the database line answers up with people.
    await sql`
      with gone as (delete from forum_answers where session_id = ${session.id} returning *)
      insert into forum_answers (id, session_id, respondent_key, person_id, school_id, phase, successes, issues,
        topics, usefulness, consent, submitted_at)
      select gen_random_uuid()::text, session_id, null, person_id, school_id, phase, successes, issues, topics,
        usefulness, consent, submitted_at
      from gone
      order by random()`.execute(trx);
    await appendAudit(trx, {
      partnershipId: s.partnership.id,
      actor: ACTOR,
      action: 'forum.closed',
      subjectType: 'forum-session',
      subjectId: session.id,
      details: { reference: session.reference },
    });
    const reportMessageId = row.issued_by && s.directory.person(row.issued_by) ? randomUUID() : undefined;
    if (reportMessageId)
      await trx
        .insertInto('forum_messages')
        .values({ message_id: reportMessageId, session_id: row.id, purpose: 'report', reminder_offset: null })
        .execute();
    return { row, reportMessageId };
  });
  if (!closed) return false;
  await finishClosing(s, closed.row, closed.reportMessageId);
  return true;
}

/** After the close commits: the Teams copies of the form show it closed, and the issuer gets the report. */
async function finishClosing(s: Services, closed: ForumSession, reportMessageId: string | undefined) {
  const forms = await s.db
    .selectFrom('forum_messages')
    .innerJoin('messages', 'messages.id', 'forum_messages.message_id')
    .select('forum_messages.message_id')
    .where('forum_messages.session_id', '=', closed.id)
    .where('messages.kind', '=', FORUM_FORM_KIND)
    .execute();
  for (const f of forms) await refreshDeliveredCards(s, f.message_id);

  const issuer = closed.issued_by ? s.directory.person(closed.issued_by) : undefined;
  if (!issuer || !reportMessageId) return;
  const report = await buildForumReport(s, closed);
  try {
    await sendMessage(s, {
      id: reportMessageId,
      partnershipId: s.partnership.id,
      kind: FORUM_REPORT_KIND,
      subject: `${closed.reference}: forum opinion form closed`,
      summary: `The opinion form has closed: ${report.schools.answered} of ${report.schools.total} schools answered (${report.answers} answers). Type "forum report ${closed.reference}" in Teams for the report and its downloads.`,
      card: await forumReportCardFor(s, closed, issuer, { links: false }),
      createdBy: ACTOR,
      recipients: [issuer.id],
    });
  } catch (e) {
    // Another worker finishing the same closing sent it first.
    if (!isUniqueViolation(e)) throw e;
  }
}

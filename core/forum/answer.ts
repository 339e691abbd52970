import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append';
import type { CardActionHandler } from '../actions/types';
import type { Database } from '../db/schema';
import { answerInput, answerProblem } from './answer-input';
import { closedSentence, formCardForPerson, isClosed } from './form-view';
import { formatMoment } from './format';
import { respondentKey } from './respondent-key';
import { sessionById } from './sessions-store';

/**
 * A DSL answers the opinion form (Teams or web form). A second answer replaces the first until the
 * deadline, and says so; after the deadline the answer is refused politely and nothing changes. For
 * an anonymous form the answer row carries no person, school, phase or time.
 */
export const answerForumForm: CardActionHandler = async (deps, req) => {
  const parsed = answerInput.safeParse(req.data);
  if (!parsed.success) return { kind: 'error', status: 400, message: answerProblem(parsed.error) };
  const input = parsed.data;
  const session = await sessionById(deps.db, deps.partnership.id, input.sessionId);
  if (!session) return { kind: 'error', status: 404, message: 'This forum form no longer exists.' };
  if (req.boundMessageId) {
    const bound = await deps.db
      .selectFrom('forum_messages')
      .select('session_id')
      .where('message_id', '=', req.boundMessageId)
      .executeTakeFirst();
    if (bound?.session_id !== session.id)
      return { kind: 'error', status: 403, message: 'This link is for a different form.' };
  }
  const now = deps.now();
  const write = async (db: Kysely<Database>) => {
    const recipient = await db
      .selectFrom('forum_recipients')
      .select(['school_id', 'phase', 'answers'])
      .where('session_id', '=', session.id)
      .where('person_id', '=', req.person.id)
      .forUpdate()
      .executeTakeFirst();
    if (!recipient) return { refused: 'not-sent' as const };
    // Re-read under the lock: the sweep may have closed the form meanwhile.
    const current = await db
      .selectFrom('forum_sessions')
      .selectAll()
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    if (isClosed(current, now) || !current.respondent_salt) return { refused: 'closed' as const };
    const key = respondentKey(current.respondent_salt, req.person.id);
    const removed = await db
      .deleteFrom('forum_answers')
      .where('session_id', '=', session.id)
      .where('respondent_key', '=', key)
      .executeTakeFirst();
    const anonymous = current.anonymous !== false;
    await db
      .insertInto('forum_answers')
      .values({
        id: randomUUID(),
        session_id: session.id,
        respondent_key: key,
        person_id: anonymous ? null : req.person.id,
        school_id: anonymous ? null : recipient.school_id,
        phase: anonymous ? null : recipient.phase,
        successes: input.successes,
        issues: input.issues,
        topics: input.topics,
        usefulness: input.usefulness,
        consent: input.consent,
        submitted_at: anonymous ? null : now,
      })
      .execute();
    await db
      .updateTable('forum_recipients')
      .set({ answered_at: now, answers: recipient.answers + 1 })
      .where('session_id', '=', session.id)
      .where('person_id', '=', req.person.id)
      .execute();
    const replaced = Number(removed.numDeletedRows) > 0;
    await appendAudit(db, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: replaced ? 'forum.answer-replaced' : 'forum.answered',
      subjectType: 'forum-session',
      subjectId: session.id,
      details: { channel: req.channel },
    });
    return { replaced, session: current };
  };
  const result = deps.db.isTransaction ? await write(deps.db) : await deps.db.transaction().execute(write);
  if ('refused' in result) {
    if (result.refused === 'not-sent')
      return {
        kind: 'error',
        status: 403,
        message: 'This form was not sent to you, so you cannot answer it. Please contact the business unit.',
      };
    return { kind: 'error', status: 409, message: closedSentence(deps, session) };
  }
  const closes = result.session.deadline_at
    ? formatMoment(result.session.deadline_at, deps.partnership.timeZone)
    : 'the deadline';
  const message = result.replaced
    ? `Thank you: your new answer replaces the one you sent before. You can change it until ${closes}.`
    : `Thank you: your answer is recorded. You can change it until ${closes}.`;
  const card = await formCardForPerson(deps, result.session, req.person, { notice: message });
  return { kind: 'card', card, message, keepLinkOpen: true };
};

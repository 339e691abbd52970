import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { appendAudit } from '../audit/append';
import { parseIsoDate } from '../calendar';
import { fieldProblem } from '../text/field-problem';
import { AppError } from '../errors';
import type { Services } from '../services/services';
import { canOrganiseForum } from './access';
import { listSessions, type ForumSession } from './sessions-store';
import { planSessionsFromTerms, sessionReference, sessionTitle } from './term-sessions';

const isoDate = z.string().refine(
  (s) => {
    try {
      parseIsoDate(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a real date as YYYY-MM-DD, e.g. 2026-10-14' },
);

export const scheduleInput = z.object({
  date: z.string({ message: 'is required' }).trim().pipe(isoDate),
  halfTerm: z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'is required, e.g. "Autumn 1"')
    .max(80, 'must be 80 characters or fewer'),
  title: z.string().trim().max(160, 'must be 160 characters or fewer').optional(),
  recordingUrl: z
    .string()
    .trim()
    .max(500, 'must be 500 characters or fewer')
    .refine((v) => v === '' || /^https:\/\/[^\s]+$/i.test(v), 'must be a link starting with https://')
    .optional(),
});
export type ScheduleInput = z.input<typeof scheduleInput>;

const FIELD_NAMES: Record<string, string> = {
  date: 'Date',
  halfTerm: 'Half term',
  title: 'Title',
  recordingUrl: 'Recording link',
};

/** The first problem of a zod parse as a sentence naming the field. */
function requireForum(s: Services) {
  const forum = s.partnership.forum;
  if (!forum)
    throw new AppError('BAD_INPUT', `The ${s.partnership.shortName} partnership file has no DSL forum.`);
  return forum;
}

function requireOrganiser(person: Person) {
  if (!canOrganiseForum(person))
    throw new AppError(
      'NOT_AUTHORISED',
      'Only the Safeguarding Education Advisor or the business unit can run the DSL forum.',
    );
}

/** The advisor schedules one session (date, half term, optional title and recording link). */
export async function scheduleSession(s: Services, person: Person, raw: unknown): Promise<ForumSession> {
  requireOrganiser(person);
  const forum = requireForum(s);
  const parsed = scheduleInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError('BAD_INPUT', fieldProblem(parsed.error, FIELD_NAMES, 'Forum session'));
  const input = parsed.data;
  const reference = sessionReference(input.date);
  const inserted = await insertSessionIfNew(s, person, 'manual', {
    reference,
    title: input.title || sessionTitle(forum, input.halfTerm),
    halfTerm: input.halfTerm,
    date: input.date,
    recordingUrl: input.recordingUrl || null,
  });
  if (!inserted)
    throw new AppError(
      'CONFLICT',
      `Date: a forum session is already scheduled on ${input.date} (${reference}).`,
    );
  return inserted;
}

/**
 * The school year's sessions from the term dates in the partnership file. Dates already scheduled are
 * left as they are, so running it twice adds nothing.
 */
export async function generateSessions(
  s: Services,
  person: Person,
): Promise<{ added: ForumSession[]; all: ForumSession[] }> {
  requireOrganiser(person);
  const forum = requireForum(s);
  if (forum.terms.length === 0)
    throw new AppError(
      'BAD_INPUT',
      `forum.terms: the ${s.partnership.shortName} partnership file lists no term dates to plan from.`,
    );
  const planned = planSessionsFromTerms(forum, s.calendar);
  const added: ForumSession[] = [];
  for (const p of planned) {
    const row = await insertSessionIfNew(s, person, 'term-dates', { ...p, recordingUrl: null });
    if (row) added.push(row);
  }
  return { added, all: await listSessions(s.db, s.partnership.id) };
}

/** Records a session unless one with its reference exists (then undefined), and audits it. */
async function insertSessionIfNew(
  s: Services,
  person: Person,
  source: 'manual' | 'term-dates',
  session: { reference: string; title: string; halfTerm: string; date: string; recordingUrl: string | null },
): Promise<ForumSession | undefined> {
  const row = await s.db
    .insertInto('forum_sessions')
    .values({
      id: randomUUID(),
      partnership_id: s.partnership.id,
      reference: session.reference,
      title: session.title,
      half_term: session.halfTerm,
      session_date: session.date,
      recording_url: session.recordingUrl,
      source,
      created_by: person.id,
      message_id: null,
      issued_by: null,
      issued_at: null,
      deadline_at: null,
      closed_at: null,
      anonymous: null,
      respondent_salt: null,
      you_said_message_id: null,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'reference']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row)
    await appendAudit(s.db, {
      partnershipId: s.partnership.id,
      actor: person.id,
      action: 'forum.scheduled',
      subjectType: 'forum-session',
      subjectId: row.id,
      details: { reference: row.reference, source },
    });
  return row;
}

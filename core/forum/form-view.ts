import type { Kysely } from 'kysely';
import type { Person } from '../../config/partnership/schema';
import { buildForumFormCard } from '../../cards/forum/form';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { CardView } from '../actions/types';
import type { Database } from '../db/schema';
import type { Services } from '../services/services';
import { formatDay, formatMoment } from './format';
import { respondentKey } from './respondent-key';
import { sessionOfMessage, type ForumSession } from './sessions-store';

export interface StoredAnswer {
  successes: string;
  issues: string;
  topics: string;
  usefulness: number;
  consent: boolean;
}

/** The person's current answer to an open form (found by their keyed hash), if any. */
export async function currentAnswer(
  db: Kysely<Database>,
  session: ForumSession,
  personId: string,
): Promise<StoredAnswer | undefined> {
  if (!session.respondent_salt) return undefined;
  return db
    .selectFrom('forum_answers')
    .select(['successes', 'issues', 'topics', 'usefulness', 'consent'])
    .where('session_id', '=', session.id)
    .where('respondent_key', '=', respondentKey(session.respondent_salt, personId))
    .executeTakeFirst();
}

export function isClosed(session: ForumSession, now: Date): boolean {
  return (
    session.status === 'closed' ||
    (session.deadline_at !== null && now.getTime() >= session.deadline_at.getTime())
  );
}

export function closedSentence(s: Pick<Services, 'partnership'>, session: ForumSession): string {
  const when = session.deadline_at
    ? formatMoment(session.deadline_at, s.partnership.timeZone)
    : 'its deadline';
  return `Thank you, but this form closed on ${when}, so answers can no longer be added to the report.`;
}

/** The form as sent to everyone (no answer, not closed): what the message row stores. */
export function formCardAsSent(
  s: Pick<Services, 'partnership'>,
  session: ForumSession,
  opts: { reminder?: boolean } = {},
): AdaptiveCardJson {
  return buildForumFormCard({
    partnership: s.partnership.shortName,
    title: session.title,
    reference: session.reference,
    sessionId: session.id,
    sessionDate: formatDay(session.session_date),
    deadline: session.deadline_at ? formatMoment(session.deadline_at, s.partnership.timeZone) : '',
    anonymous: session.anonymous ?? s.partnership.forum?.anonymous ?? false,
    recordingUrl: session.recording_url ?? undefined,
    reminder: opts.reminder,
  });
}

/** The form as one DSL sees it now: their answer filled in to change it, or closed. */
export async function formCardForPerson(
  s: Services,
  session: ForumSession,
  person: Person,
  opts: { reminder?: boolean; notice?: string } = {},
): Promise<AdaptiveCardJson> {
  const base = {
    partnership: s.partnership.shortName,
    title: session.title,
    reference: session.reference,
    sessionId: session.id,
    sessionDate: formatDay(session.session_date),
    deadline: session.deadline_at ? formatMoment(session.deadline_at, s.partnership.timeZone) : '',
    anonymous: session.anonymous ?? false,
    recordingUrl: session.recording_url ?? undefined,
  };
  if (isClosed(session, s.now()))
    return buildForumFormCard({ ...base, closedText: closedSentence(s, session) });
  const answer = await currentAnswer(s.db, session, person.id);
  const notice =
    opts.notice ??
    (answer ? 'You have answered. Sending again replaces your answer until the form closes.' : undefined);
  return buildForumFormCard({ ...base, reminder: opts.reminder && !answer, notice, answer });
}

/** Per-viewer view of a forum form message (the form or a reminder). */
export const forumFormView: CardView = async (deps, { messageId, person }) => {
  const found = await sessionOfMessage(deps.db, messageId);
  if (!found) return undefined;
  return formCardForPerson(deps, found.session, person, { reminder: found.purpose === 'reminder' });
};

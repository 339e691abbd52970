import { z } from 'zod';
import type { CardActionHandler, CardView } from '../actions/types';
import { canReadForumReport } from './access';
import { refusal } from './errors';
import { issueForm } from './issue';
import { forumReportCardFor } from './report-card';
import { generateSessions, scheduleSession } from './schedule';
import { forumSessionsCard } from './sessions-card';
import { sessionById, sessionOfMessage } from './sessions-store';
import { formatDay } from './format';
import { sendYouSaid } from './you-said';

const sessionRef = z.object({ sessionId: z.uuid() });
const BAD_CARD = {
  kind: 'error',
  status: 400,
  message: 'This card is missing its forum reference.',
} as const;
const FROM_TEAMS = {
  kind: 'error',
  status: 400,
  message: 'Please do this in Teams: the web form only takes answers.',
} as const;

/** Schedule one session from the sessions card. */
export const scheduleForumSession: CardActionHandler = async (deps, req) => {
  try {
    const session = await scheduleSession(deps, req.person, req.data);
    return {
      kind: 'card',
      card: await forumSessionsCard(
        deps,
        `Scheduled ${session.reference} on ${formatDay(session.session_date)}.`,
      ),
    };
  } catch (e) {
    return refusal(e);
  }
};

/** Plan the school year's sessions from the term dates. */
export const generateForumSessions: CardActionHandler = async (deps, req) => {
  try {
    const { added } = await generateSessions(deps, req.person);
    const notice = added.length
      ? `Added ${added.length} sessions from the term dates.`
      : 'Every session from the term dates was already scheduled.';
    return { kind: 'card', card: await forumSessionsCard(deps, notice) };
  } catch (e) {
    return refusal(e);
  }
};

/** Issue a session's form to every DSL. */
export const issueForumForm: CardActionHandler = async (deps, req) => {
  if (req.channel === 'web') return FROM_TEAMS;
  const parsed = sessionRef.safeParse(req.data);
  if (!parsed.success) return BAD_CARD;
  try {
    const session = await sessionById(deps.db, deps.partnership.id, parsed.data.sessionId);
    if (!session) return { kind: 'error', status: 404, message: 'This forum session no longer exists.' };
    const issued = await issueForm(deps, req.person, session.reference);
    return {
      kind: 'card',
      card: await forumSessionsCard(
        deps,
        `The form for ${session.reference} is on its way to ${issued.recipients} DSLs. The progress card shows the delivery.`,
      ),
    };
  } catch (e) {
    return refusal(e);
  }
};

/** Open a session's report. */
export const showForumReport: CardActionHandler = async (deps, req) => {
  const parsed = sessionRef.safeParse(req.data);
  if (!parsed.success) return BAD_CARD;
  if (!canReadForumReport(req.person))
    return {
      kind: 'error',
      status: 403,
      message: 'Only the business unit and the Executive can read forum reports.',
    };
  const session = await sessionById(deps.db, deps.partnership.id, parsed.data.sessionId);
  if (!session) return { kind: 'error', status: 404, message: 'This forum session no longer exists.' };
  return { kind: 'card', card: await forumReportCardFor(deps, session, req.person) };
};

/** Send "you said, we did" to every DSL. */
export const sendForumYouSaid: CardActionHandler = async (deps, req) => {
  if (req.channel === 'web') return FROM_TEAMS;
  try {
    const { session, recipients } = await sendYouSaid(deps, req.person, req.data);
    return {
      kind: 'card',
      card: await forumReportCardFor(deps, session, req.person),
      message: `"You said, we did" is on its way to ${recipients} DSLs.`,
    };
  } catch (e) {
    return refusal(e);
  }
};

/** The report sent at closing, as it stands now for its reader. */
export const forumReportView: CardView = async (deps, { messageId, person }) => {
  const found = await sessionOfMessage(deps.db, messageId);
  if (!found || !canReadForumReport(person)) return undefined;
  return forumReportCardFor(deps, found.session, person);
};

import type { TurnContext } from 'botbuilder';
import { isAppError } from '../../../core/errors';
import { canOrganiseForum, canReadForumReport } from '../../../core/forum/access';
import { formatDay } from '../../../core/forum/format';
import { issueForm } from '../../../core/forum/issue';
import { forumReportCardFor } from '../../../core/forum/report-card';
import { generateSessions, scheduleSession } from '../../../core/forum/schedule';
import { forumSessionsCard } from '../../../core/forum/sessions-card';
import { sessionByReference } from '../../../core/forum/sessions-store';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/** A refusal from the core is answered as its plain sentence; anything else is a real failure. */
async function orRefuse(turn: TurnContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (isAppError(e)) {
      await reply(turn, { text: e.message });
      return;
    }
    throw e;
  }
}

const ORGANISERS_ONLY =
  'Only the Safeguarding Education Advisor or the business unit can see the DSL forum sessions.';

/** `forum sessions`: the sessions card (schedule, plan the year, issue, report), for the organisers. */
export const forumSessions: CommandHandler = (ctx, turn, { person }) =>
  orRefuse(turn, async () => {
    if (!canOrganiseForum(person)) {
      await reply(turn, { text: ORGANISERS_ONLY });
      return;
    }
    if (!ctx.partnership.forum) {
      await reply(turn, { text: `The ${ctx.partnership.shortName} partnership file has no DSL forum.` });
      return;
    }
    await reply(turn, {
      text: `${ctx.partnership.forum.name}: sessions`,
      card: await forumSessionsCard(ctx),
    });
  });

/** `forum schedule <date> <half term> [recording link]` */
export const forumSchedule: CommandHandler = (ctx, turn, { person, args }) =>
  orRefuse(turn, async () => {
    if (args.length === 0) {
      // The usage comes with the sessions card: the organisers' list, so only for them.
      if (!canOrganiseForum(person)) {
        await reply(turn, { text: ORGANISERS_ONLY });
        return;
      }
      await reply(turn, {
        text: 'Type "forum schedule <date> <half term> [recording link]", e.g. "forum schedule 2026-10-14 Autumn 1", or use the Schedule button.',
        card: await forumSessionsCard(ctx),
      });
      return;
    }
    const [date, ...rest] = args;
    const link = rest.length > 1 && /^https?:\/\//i.test(rest[rest.length - 1]!) ? rest.pop() : undefined;
    const session = await scheduleSession(ctx, person, {
      date,
      halfTerm: rest.join(' '),
      recordingUrl: link,
    });
    await reply(turn, {
      text: `Scheduled ${session.reference} on ${formatDay(session.session_date)}.`,
      card: await forumSessionsCard(
        ctx,
        `Scheduled ${session.reference} on ${formatDay(session.session_date)}.`,
      ),
    });
  });

/** `forum plan`: the school year's sessions from the term dates. */
export const forumPlan: CommandHandler = (ctx, turn, { person }) =>
  orRefuse(turn, async () => {
    const { added } = await generateSessions(ctx, person);
    const text = added.length
      ? `Added ${added.length} sessions from the term dates.`
      : 'Every session from the term dates was already scheduled.';
    await reply(turn, { text, card: await forumSessionsCard(ctx, text) });
  });

/** `forum issue <reference>` */
export const forumIssue: CommandHandler = (ctx, turn, { person, args }) =>
  orRefuse(turn, async () => {
    const reference = args[0];
    if (!reference) {
      await reply(turn, {
        text: 'Reference: type "forum issue <reference>", e.g. "forum issue FORUM-2026-10-14".',
      });
      return;
    }
    const { session, recipients } = await issueForm(ctx, person, reference);
    await reply(turn, {
      text: `The form for ${session.reference} is on its way to ${recipients} DSLs. The progress card shows the delivery.`,
    });
  });

/** `forum report <reference>` */
export const forumReport: CommandHandler = (ctx, turn, { person, args }) =>
  orRefuse(turn, async () => {
    if (!canReadForumReport(person)) {
      await reply(turn, { text: 'Only the business unit and the Executive can read forum reports.' });
      return;
    }
    const reference = args[0];
    if (!reference) {
      await reply(turn, {
        text: 'Reference: type "forum report <reference>", e.g. "forum report FORUM-2026-10-14".',
      });
      return;
    }
    const session = await sessionByReference(ctx.db, ctx.partnership.id, reference);
    if (!session) {
      await reply(turn, {
        text: `Reference: no forum session "${reference}". Type "forum sessions" to list them.`,
      });
      return;
    }
    await reply(turn, {
      text: `Report: ${session.title}`,
      card: await forumReportCardFor(ctx, session, person),
    });
  });

import { randomUUID } from 'node:crypto';
import { MEETING_VERBS } from '../../../cards/meeting/verbs';
import { caseReference } from '../../../core/delivery/create-message';
import { sendMessage } from '../../../core/delivery/send-message';
import { bookingCardFor } from '../../../core/meetings/actions/request-form';
import { escapeHtml } from '../../../core/text/escape-html';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/**
 * `book meeting` (the purpose picker), `book meeting RR-2026-014` or
 * `book meeting CSPRG` (the request form with defaults). On the email
 * channel, which has no cards, the form is sent as a message with a web-form link.
 */
export const bookMeetingCommand: CommandHandler = async (ctx, turn, { person, args }) => {
  const arg = (args[0] ?? '').trim();
  const group = arg
    ? ctx.partnership.subgroups.find((g) => g.id.toLowerCase() === arg.toLowerCase())
    : undefined;
  const target = group ? { subgroupId: group.id } : arg ? { caseReference: arg.toUpperCase() } : {};
  if (!group && arg && !caseReference.safeParse(arg.toUpperCase()).success) {
    await reply(turn, {
      text: `"${arg}" is neither a subgroup nor a case reference (such as RR-2026-014). Type "book meeting" to choose.`,
    });
    return;
  }
  const out = await bookingCardFor(ctx, person, target);
  if (!out.ok) {
    await reply(turn, { text: out.message });
    return;
  }
  if (turn.activity.channelId !== 'email') {
    await reply(turn, { text: 'Book a meeting', card: out.value });
    return;
  }
  if (!arg) {
    await reply(turn, {
      text: 'Reply "book meeting" followed by the Rapid Review case reference or the subgroup, for example "book meeting CSPRG".',
      html: `<p>Reply <b>book meeting</b> followed by the Rapid Review case reference or the subgroup, for example <b>book meeting ${escapeHtml(ctx.partnership.subgroups[0]?.id ?? 'CSPRG')}</b>.</p>`,
    });
    return;
  }
  const reference = group ? `${ctx.partnership.shortName} ${group.id}` : arg.toUpperCase();
  await sendMessage(ctx, {
    id: randomUUID(),
    partnershipId: ctx.partnership.id,
    kind: 'meeting-form',
    caseReference: group ? undefined : arg.toUpperCase(),
    subject: `${reference}: book a meeting`,
    summary: 'Choose the attendees, length and dates, and I will find a time everyone can make.',
    card: out.value,
    formVerb: MEETING_VERBS.find,
    createdBy: person.id,
    recipients: [person.id],
  });
  await reply(turn, { text: 'I have emailed you a link to the booking form.' });
};

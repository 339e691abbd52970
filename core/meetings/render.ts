import { DateTime } from 'luxon';
import type { Person } from '../../config/partnership/schema';
import {
  buildMeetingConfirmationCard,
  buildMeetingOffersCard,
  MEETING_VERBS,
  type MeetingOffersCardData,
} from '../../cards/meeting';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { Services } from '../services/services';
import { formatMinutes, formatSlot } from './format';
import { meetingSubject, type MeetingRequestRow, type MeetingRow } from './rows';

type S = Pick<Services, 'partnership' | 'directory'>;

const nameOf = (s: S, id: string) => s.directory.person(id)?.displayName ?? id;

const PROBLEMS: Record<string, string> = {
  UNKNOWN_ATTENDEE: 'Microsoft 365 does not know the mailbox of',
  NOT_SET_UP:
    'Meeting booking is not set up: the partnership file needs an organiser mailbox and the app needs Graph credentials.',
};

function problemText(s: S, r: MeetingRequestRow): string {
  if (r.problem_code === 'UNKNOWN_ATTENDEE')
    return `${PROBLEMS.UNKNOWN_ATTENDEE} ${r.problem_people.map((id) => nameOf(s, id)).join(', ')}. Check their email address in the partnership file, or leave them out, then search again.`;
  if (r.problem_code === 'NOT_SET_UP') return PROBLEMS.NOT_SET_UP!;
  const step = r.picked === null ? 'read the calendars' : 'book the meeting';
  // A 2xx we could not read: the event may exist, so "nothing was booked" would invite a double booking.
  // Trying again is safe: the booking repeats its transactionId, which Outlook recognises.
  if (r.problem_code === 'GRAPH_MALFORMED' && r.picked !== null) {
    const mailbox = s.partnership.microsoft.organiserMailbox;
    return (
      `Microsoft 365 took the booking but its answers could not be read, so the meeting may already be in the ` +
      `organiser's calendar${mailbox ? ` (${mailbox})` : ''}. Try again: the same booking is sent, so Outlook ` +
      'does not add a second meeting.'
    );
  }
  if (r.problem_code === 'GRAPH_HTTP_401' || r.problem_code === 'GRAPH_HTTP_403')
    return (
      `Microsoft 365 refused the app access to the organiser's calendar, so I could not ${step} ` +
      `(${r.problem_code}). Nothing was booked. The app needs the Calendars.ReadWrite application permission ` +
      'for the organiser mailbox: ask your Microsoft 365 administrator, then try again.'
    );
  if (r.problem_code?.startsWith('GRAPH_HTTP_4'))
    return `Microsoft 365 refused the request, so I could not ${step} (${r.problem_code}). Nothing was booked.`;
  return `Microsoft 365 did not answer after several tries, so I could not ${step} (${r.problem_code ?? 'error'}). Nothing was booked. Try again in a few minutes.`;
}

/** The chair's card for a request, in its current state. */
export function offersCard(s: S, r: MeetingRequestRow): AdaptiveCardJson {
  const tz = s.partnership.timeZone;
  const optionalCount = r.optional_ids.length;
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: tz }).toFormat('ccc d LLL yyyy');
  const base: Omit<MeetingOffersCardData, 'text' | 'tone' | 'offers' | 'choices'> = {
    partnership: s.partnership.shortName,
    title: `${meetingSubject(s.partnership.shortName, r)}: ${r.reschedules_meeting_id ? 'new times' : 'times'}`,
    facts: [
      { title: 'Length', value: formatMinutes(r.length_minutes) },
      { title: 'Window', value: `${day(r.window_start)} to ${day(new Date(r.window_end.getTime() - 1))}` },
      { title: 'Required', value: `${r.required_ids.length} people` },
      { title: 'Optional', value: `${optionalCount} people` },
    ],
    requestId: r.id,
  };
  const offerRows = (pickable: boolean) =>
    r.offers.map((o, index) => ({
      when: formatSlot(new Date(o.start), new Date(o.end), tz),
      detail:
        optionalCount === 0
          ? 'Every required attendee is free.'
          : `Every required attendee is free; ${o.optionalFree.length} of ${optionalCount} optional free.`,
      index: pickable && !r.recurring ? index : undefined,
    }));
  switch (r.status) {
    case 'finding':
      return buildMeetingOffersCard({
        ...base,
        text: "Looking at everyone's calendars...",
        tone: 'default',
        offers: [],
        choices: [],
      });
    case 'offered':
      return buildMeetingOffersCard({
        ...base,
        text: r.recurring
          ? `A year of meetings: ${r.offers.length} dates. Check them, then book them all.`
          : `The best ${r.offers.length === 1 ? 'time' : `${r.offers.length} times`}: pick one to send the Teams invitation.`,
        tone: 'default',
        offers: offerRows(true),
        choices: r.recurring
          ? [
              {
                title: `Book all ${r.offers.length}`,
                verb: MEETING_VERBS.pick,
                data: { requestId: r.id, index: -1 },
              },
            ]
          : [],
      });
    case 'no-slot':
      return buildMeetingOffersCard({
        ...base,
        text: 'There is no time in this window when every required attendee is free.',
        tone: 'attention',
        offers: [],
        choices: [
          {
            title: `Widen the window by ${s.partnership.meetings.defaultWindowWorkingDays} working days`,
            verb: MEETING_VERBS.widen,
            data: { requestId: r.id },
          },
          ...r.problem_people.map((personId) => ({
            title: `Make ${nameOf(s, personId)} optional`,
            verb: MEETING_VERBS.makeOptional,
            data: { requestId: r.id, personId },
          })),
        ],
      });
    case 'failed':
      return buildMeetingOffersCard({
        ...base,
        text: problemText(s, r),
        tone: 'attention',
        offers: [],
        choices:
          r.problem_code === 'UNKNOWN_ATTENDEE' || r.problem_code === 'NOT_SET_UP'
            ? []
            : [{ title: 'Try again', verb: MEETING_VERBS.retry, data: { requestId: r.id } }],
      });
    case 'booking':
      return buildMeetingOffersCard({
        ...base,
        text: 'Booking...',
        tone: 'default',
        offers: pickedRows(),
        choices: [],
      });
    case 'booked':
      return buildMeetingOffersCard({
        ...base,
        text: r.reschedules_meeting_id
          ? 'Moved. Everyone invited has the new time.'
          : 'Booked. The invitation and the confirmation are on their way.',
        tone: 'good',
        offers: pickedRows(),
        choices: [],
      });
    case 'superseded':
      return buildMeetingOffersCard({
        ...base,
        text: 'Replaced by a newer search.',
        tone: 'default',
        offers: [],
        choices: [],
      });
  }
  function pickedRows() {
    const rows = offerRows(false);
    return r.recurring || r.picked === null ? rows : rows.filter((_, i) => i === r.picked);
  }
}

/** The confirmation for one person: the chair may reschedule or cancel; attendees see time and link. */
export function confirmationCard(
  s: S,
  request: Pick<MeetingRequestRow, 'purpose' | 'reference'>,
  meetings: MeetingRow[],
  viewer: Person | undefined,
): AdaptiveCardJson {
  const tz = s.partnership.timeZone;
  const chairId = meetings[0]?.chair_id;
  return buildMeetingConfirmationCard({
    partnership: s.partnership.shortName,
    title: meetingSubject(s.partnership.shortName, request),
    text: `Teams meeting organised by ${chairId ? nameOf(s, chairId) : 'the chair'}. The invitation is in your Outlook calendar.`,
    meetings: meetings.map((m) => ({
      meetingId: m.id,
      when: formatSlot(m.start_at, m.end_at, tz),
      state: m.status === 'cancelled' ? 'Cancelled' : m.status === 'cancelling' ? 'Cancelling...' : 'Booked',
      tone: m.status === 'booked' ? 'good' : 'attention',
      joinUrl: m.status === 'booked' ? m.join_url : null,
      canChange: viewer?.id === m.chair_id && m.status === 'booked',
    })),
  });
}

import type { AdaptiveCardJson } from '../expand';
import {
  buildMeetingConfirmationCard,
  buildMeetingOffersCard,
  buildMeetingPurposeCard,
  buildMeetingRequestCard,
  buildMeetingStatusCard,
  MEETING_VERBS,
} from './index';

const requestId = '00000000-0000-4000-8000-0000000000a1';
const people = [
  { title: 'Head of service, safeguarding, quality and learning', value: 'hos-quality-learning' },
  { title: 'Designated nurse, safeguarding children (ICB)', value: 'designated-nurse' },
  { title: 'Detective chief inspector, safeguarding (police)', value: 'dci-safeguarding' },
  { title: 'Business unit manager', value: 'bu-manager' },
];

/** One sample of each meeting card, with made-up data (case references only). */
export const MEETING_CARD_SAMPLES: Array<{ name: string; title: string; card: AdaptiveCardJson }> = [
  {
    name: 'meeting-purpose',
    title: 'Book a meeting: purpose',
    card: buildMeetingPurposeCard({
      partnership: 'WSCP',
      choices: [
        { title: 'Rapid Review RR-2026-014', value: 'rr:rr-1' },
        { title: 'CSPRG: Child Safeguarding Practice Review Group', value: 'sg:CSPRG' },
      ],
    }),
  },
  {
    name: 'meeting-request',
    title: 'Book a meeting: attendees, length and window',
    card: buildMeetingRequestCard({
      partnership: 'WSCP',
      title: 'Book a Rapid Review meeting: RR-2026-014',
      facts: [
        { title: 'Purpose', value: 'Rapid Review meeting' },
        { title: 'Case', value: 'RR-2026-014' },
        { title: 'Panel deadline', value: 'Fri 20 Mar 2026' },
      ],
      referenceEditable: false,
      people,
      requiredIds: ['hos-quality-learning', 'designated-nurse', 'dci-safeguarding'],
      optionalIds: ['bu-manager'],
      lengthMinutes: 120,
      maxLengthMinutes: 480,
      windowStart: '2026-03-02',
      windowEnd: '2026-03-18',
      hint: 'The window ends 2 working days before the Panel deadline.',
      submitData: { purpose: 'rapid-review', rapidReviewId: 'rr-1' },
    }),
  },
  {
    name: 'meeting-offers',
    title: 'Meeting times to pick from',
    card: buildMeetingOffersCard({
      partnership: 'WSCP',
      title: 'RR-2026-014 Rapid Review meeting: times',
      facts: [
        { title: 'Length', value: '2 hours' },
        { title: 'Window', value: 'Mon 2 Mar 2026 to Wed 18 Mar 2026' },
      ],
      text: 'The best 3 times: pick one to send the Teams invitation.',
      tone: 'default',
      requestId,
      offers: [
        {
          when: 'Tue 3 Mar 2026, 10:00 to 12:00',
          detail: 'Every required attendee is free; 1 of 1 optional free.',
          index: 0,
        },
        {
          when: 'Wed 4 Mar 2026, 14:00 to 16:00',
          detail: 'Every required attendee is free; 1 of 1 optional free.',
          index: 1,
        },
        {
          when: 'Thu 5 Mar 2026, 09:00 to 11:00',
          detail: 'Every required attendee is free; 0 of 1 optional free.',
          index: 2,
        },
      ],
      choices: [],
    }),
  },
  {
    name: 'meeting-no-slot',
    title: 'No meeting time in the window',
    card: buildMeetingOffersCard({
      partnership: 'WSCP',
      title: 'WSCP CSPRG meeting: times',
      facts: [{ title: 'Length', value: '2 hours' }],
      text: 'There is no time in this window when every required attendee is free.',
      tone: 'attention',
      requestId,
      offers: [],
      choices: [
        { title: 'Widen the window by 10 working days', verb: MEETING_VERBS.widen, data: { requestId } },
        {
          title: 'Make Designated nurse optional',
          verb: MEETING_VERBS.makeOptional,
          data: { requestId, personId: 'designated-nurse' },
        },
      ],
    }),
  },
  {
    name: 'meeting-confirmation',
    title: "Meeting booked (the chair's copy)",
    card: buildMeetingConfirmationCard({
      partnership: 'WSCP',
      title: 'RR-2026-014 Rapid Review meeting',
      text: 'Teams meeting organised by the CSPRG chair. The invitation is in your Outlook calendar.',
      meetings: [
        {
          meetingId: '00000000-0000-4000-8000-0000000000b1',
          when: 'Tue 3 Mar 2026, 10:00 to 12:00',
          state: 'Booked',
          tone: 'good',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
          canChange: true,
        },
      ],
    }),
  },
  {
    name: 'meeting-status',
    title: 'Looking for meeting times',
    card: buildMeetingStatusCard({
      partnership: 'WSCP',
      title: 'WSCP CSPRG meeting',
      text: "Looking at everyone's calendars. I'll send you the best times in a moment.",
    }),
  },
];

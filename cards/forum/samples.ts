import type { CardSample } from '../gallery/samples';
import { buildForumFormCard } from './form';
import { buildForumReportCard } from './report';
import { buildForumSessionsCard } from './sessions';
import { buildYouSaidCard } from './you-said';

const SESSION_ID = '00000000-0000-4000-8000-00000000f001';

/** The forum's cards for the gallery, with made-up data. */
export const FORUM_CARD_SAMPLES: CardSample[] = [
  {
    name: 'forum-sessions',
    title: 'DSL forum sessions',
    card: buildForumSessionsCard({
      partnership: 'WSCP',
      forumName: 'Designated Safeguarding Lead Forum',
      notice: 'Added 6 sessions from the term dates.',
      hasTerms: true,
      sessions: [
        {
          id: SESSION_ID,
          title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
          date: '7 Oct 2026',
          reference: 'FORUM-2026-10-07',
          status: 'closed',
          statusText: 'Closed 21 Oct 2026, 17:00',
        },
        {
          id: '00000000-0000-4000-8000-00000000f002',
          title: 'Designated Safeguarding Lead Forum: Autumn 2026, second half',
          date: '25 Nov 2026',
          reference: 'FORUM-2026-11-25',
          status: 'scheduled',
          statusText: 'Not issued',
        },
      ],
    }),
  },
  {
    name: 'forum-form',
    title: 'DSL forum opinion form',
    card: buildForumFormCard({
      partnership: 'WSCP',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
      reference: 'FORUM-2026-10-07',
      sessionId: SESSION_ID,
      sessionDate: '7 Oct 2026',
      deadline: '21 Oct 2026, 17:00',
      anonymous: true,
      recordingUrl: 'https://example.org/recording',
    }),
  },
  {
    name: 'forum-form-answered',
    title: 'DSL forum opinion form, answered (can be changed)',
    card: buildForumFormCard({
      partnership: 'WSCP',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
      reference: 'FORUM-2026-10-07',
      sessionId: SESSION_ID,
      sessionDate: '7 Oct 2026',
      deadline: '21 Oct 2026, 17:00',
      anonymous: true,
      notice: 'You have answered. Sending again replaces your answer until the form closes.',
      answer: {
        successes: 'Operation Encompass notifications arrive before school starts.',
        issues: 'Referrals to the front door take too long to get a reply.',
        topics: 'Online safety and sextortion',
        usefulness: 4,
        consent: false,
      },
    }),
  },
  {
    name: 'forum-form-closed',
    title: 'DSL forum opinion form, closed',
    card: buildForumFormCard({
      partnership: 'WSCP',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
      reference: 'FORUM-2026-10-07',
      sessionId: SESSION_ID,
      sessionDate: '7 Oct 2026',
      deadline: '21 Oct 2026, 17:00',
      anonymous: true,
      closedText:
        'Thank you, but this form closed on 21 Oct 2026, 17:00, so answers can no longer be added to the report.',
    }),
  },
  {
    name: 'forum-report',
    title: 'DSL forum report',
    card: buildForumReportCard({
      partnership: 'WSCP',
      sessionId: SESSION_ID,
      reference: 'FORUM-2026-10-07',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
      sessionDate: '7 Oct 2026',
      status: 'closed',
      deadline: '21 Oct 2026, 17:00',
      anonymous: true,
      schools: { total: 120, answered: 87, rate: 72.5 },
      answers: 93,
      usefulness: { average: 4.1, counts: [2, 4, 10, 35, 42] },
      byPhase: [
        { label: 'Primary', schools: 90, answered: 68, rate: 75.6 },
        { label: 'Secondary', schools: 24, answered: 15, rate: 62.5 },
        { label: 'Special', schools: 6, answered: 4, rate: 66.7 },
      ],
      themes: [
        {
          id: 'referrals',
          label: 'Referrals and the front door',
          count: 21,
          quotes: ['Referrals to the front door take too long to get a reply.', 'Threshold decisions vary.'],
          reply: '',
        },
        {
          id: 'online-safety',
          label: 'Online safety',
          count: 12,
          quotes: ['More on phones and sextortion.'],
          reply: '',
        },
      ],
      topics: ['Online safety and sextortion', 'Attendance and children missing education'],
      consent: 31,
      contacts: [],
      csvUrl: 'https://masa.example/forum/exports/sample-csv',
      xlsxUrl: 'https://masa.example/forum/exports/sample-xlsx',
      canReply: true,
      youSaidSent: false,
    }),
  },
  {
    name: 'forum-report-open',
    title: 'DSL forum report while an anonymous form is open',
    card: buildForumReportCard({
      partnership: 'WSCP',
      sessionId: SESSION_ID,
      reference: 'FORUM-2026-11-04',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, second half',
      sessionDate: '4 Nov 2026',
      status: 'open',
      deadline: '18 Nov 2026, 17:00',
      anonymous: true,
      schools: { total: 120, answered: 41, rate: 34.2 },
      answers: 44,
      usefulness: { average: null, counts: [0, 0, 0, 0, 0] },
      byPhase: [
        { label: 'Primary', schools: 90, answered: 33, rate: 36.7 },
        { label: 'Secondary', schools: 24, answered: 6, rate: 25 },
        { label: 'Special', schools: 6, answered: 2, rate: 33.3 },
      ],
      themes: [],
      topics: [],
      consent: 0,
      contacts: [],
      canReply: false,
      youSaidSent: false,
      withheldUntilClose: true,
    }),
  },
  {
    name: 'forum-you-said',
    title: 'DSL forum: you said, we did',
    card: buildYouSaidCard({
      partnership: 'WSCP',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, first half',
      answers: 93,
      themes: [
        {
          label: 'Referrals and the front door',
          count: 21,
          reply: 'The front door now acknowledges every school referral within one working day.',
        },
        { label: 'Online safety', count: 1, reply: 'A briefing on sextortion is on the next forum agenda.' },
      ],
    }),
  },
];

import type { CardSample } from '../gallery/samples';
import {
  buildDecisionFormCard,
  buildMyRequestsCard,
  buildOpenFormCard,
  buildRequestFormCard,
  buildRequestSummaryCard,
  buildTrackerCard,
} from './index';

const MESSAGE = '00000000-0000-4000-8000-000000000101';
const REQUEST = '00000000-0000-4000-8000-000000000102';
const REVIEW = '00000000-0000-4000-8000-000000000103';
const categories = [
  { title: 'Assurance', value: 'assurance' },
  { title: 'Workforce development', value: 'workforce-development' },
];
const outcomes = [
  { value: 'local-review', title: 'Local Child Safeguarding Practice Review recommended' },
  { value: 'no-local-review', title: 'Local review not recommended' },
];
const common = {
  partnership: 'WSCP',
  messageId: MESSAGE,
  requestId: REQUEST,
  caseReference: 'RR-2026-014',
  agency: 'West Yorkshire Police',
  deadline: '9 Mar 2026',
  notes: [],
};

/** One sample of each Rapid Review card (made-up data, case references only). */
export const RAPID_REVIEW_SAMPLES: CardSample[] = [
  {
    name: 'rapid-review-open',
    title: 'Open a Rapid Review',
    card: buildOpenFormCard({
      partnership: 'WSCP',
      today: '2026-03-02',
      panelWorkingDays: 15,
      agencyWorkingDays: 5,
      categories: [
        { value: 'death', title: 'Death' },
        { value: 'serious-harm', title: 'Serious harm' },
      ],
      agencyLeads: [
        { title: 'DCI, safeguarding (West Yorkshire Police)', value: 'dci-safeguarding' },
        { title: 'Designated nurse (ICB)', value: 'designated-nurse' },
      ],
      chairs: [{ title: 'Head of service, quality and learning (Council)', value: 'hos-quality-learning' }],
      defaultChair: 'hos-quality-learning',
    }),
  },
  {
    name: 'rapid-review-request',
    title: 'Rapid Review information request',
    card: buildRequestFormCard({
      ...common,
      status: 'Draft saved',
      daysLeft: '1 working day left',
      banner: 'Reminder: this request is due tomorrow, 9 Mar 2026.',
      answers: { involved: 'yes', period: '2024 to 2026', summary: 'Two contacts.' },
      involvedChoices: [
        { value: 'yes', title: 'Yes' },
        { value: 'no', title: 'No' },
      ],
      csprChoices: [{ value: 'unsure', title: 'Unsure' }],
      colleagues: [{ title: 'DI, safeguarding (West Yorkshire Police)', value: 'di-safeguarding' }],
      refresh: { verb: 'card.refresh', messageId: MESSAGE, userIds: ['29:example'] },
    }),
  },
  {
    name: 'rapid-review-submitted',
    title: 'Rapid Review answer, read-only',
    card: buildRequestSummaryCard({
      ...common,
      status: 'Submitted',
      title: 'Your answer for the Rapid Review',
      answers: [
        { label: 'Involved with the child or family', value: 'Yes' },
        { label: 'Summary of involvement', value: 'Two contacts in 2025.' },
      ],
      backTo: '',
      rapidReviewId: REVIEW,
    }),
  },
  {
    name: 'rapid-review-tracker',
    title: 'Rapid Review tracker',
    card: buildTrackerCard({
      partnership: 'WSCP',
      messageId: MESSAGE,
      rapidReviewId: REVIEW,
      caseReference: 'RR-2026-014',
      category: 'Serious harm',
      notificationDate: '2 Mar 2026',
      chair: 'Head of service, quality and learning',
      panelDeadline: '23 Mar 2026',
      panelDaysLeft: '15 working days left',
      requestsState: '1 of 3 answered',
      decisionFacts: [],
      rows: [
        {
          requestId: REQUEST,
          agency: 'West Yorkshire Police',
          person: 'DCI, safeguarding',
          status: 'Submitted',
          colour: 'Good',
          deadline: '9 Mar 2026',
          daysLeft: 'answered',
          canView: true,
        },
        {
          requestId: '00000000-0000-4000-8000-000000000104',
          agency: 'NHS West Yorkshire ICB',
          person: 'Designated nurse',
          status: 'Overdue',
          colour: 'Attention',
          deadline: '9 Mar 2026',
          daysLeft: '1 working day overdue',
          canView: false,
        },
      ],
      canManage: true,
      open: true,
      canDecide: true,
      today: '2026-03-10',
      newLeads: [{ title: 'Senior probation officer (Probation Service)', value: 'probation-spo' }],
      openRequests: [{ title: 'NHS West Yorkshire ICB (due 9 Mar 2026)', value: REQUEST }],
      decision: { outcomes, categories, slots: 3 },
      pack: {
        html: 'https://masa.example/packs/sample-token',
        markdown: 'https://masa.example/packs/sample-token?format=md',
      },
      refresh: { verb: 'card.refresh', messageId: MESSAGE, userIds: [] },
    }),
  },
  {
    name: 'rapid-review-decision',
    title: 'Rapid Review decision',
    card: buildDecisionFormCard({
      messageId: MESSAGE,
      rapidReviewId: REVIEW,
      caseReference: 'RR-2026-014',
      outcomes,
      categories,
      slots: 3,
    }),
  },
  {
    name: 'rapid-review-my-requests',
    title: 'My Rapid Review requests',
    card: buildMyRequestsCard({
      partnership: 'WSCP',
      rows: [
        {
          requestId: REQUEST,
          caseReference: 'RR-2026-014',
          agency: 'West Yorkshire Police',
          status: 'Awaiting',
          colour: 'Default',
          deadline: '9 Mar 2026',
          daysLeft: '3 working days left',
        },
      ],
    }),
  },
];

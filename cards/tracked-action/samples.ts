import type { CardSample } from '../gallery/samples';
import { buildEscalationCard } from '../escalation';
import { buildRecommendationCard } from '../recommendation';
import { buildTrackedActionCard } from '.';
import { buildActionListCard } from './list';
import { buildNewActionCard } from './new-action';
import { buildActionsSummaryCard } from '../actions-summary';

const messageId = '00000000-0000-4000-8000-000000000051';
const actionId = '00000000-0000-4000-8000-000000000052';
const facts = [
  { title: 'Case', value: 'RR-2026-014' },
  { title: 'Subgroup', value: 'Integrated Learning and Development Group' },
  { title: 'Owner', value: 'Learning and development officer' },
  { title: 'Due', value: '6 Mar 2026' },
  { title: 'Status', value: 'In progress' },
];

/** The actions feature's cards with made-up data (case references only). */
export const ACTION_CARD_SAMPLES: CardSample[] = [
  {
    name: 'tracked-action',
    title: 'Action card for its owner (reminder)',
    card: buildTrackedActionCard({
      partnership: 'WSCP',
      heading: 'Reminder: due in 3 working days',
      tone: 'warning',
      title: 'Deliver a neglect masterclass for the workforce',
      description: 'From the Rapid Review: practitioners to use the neglect toolkit.',
      facts,
      latestNote: 'Venue booked; trainer confirmed.',
      canUpdate: true,
      messageId,
      actionId,
    }),
  },
  {
    name: 'escalation',
    title: 'Escalation card for a subgroup chair',
    card: buildEscalationCard({
      partnership: 'WSCP',
      heading: 'Escalated: overdue by 3 working days',
      title: 'Deliver a neglect masterclass for the workforce',
      facts: [...facts, { title: 'Working days overdue', value: '3' }],
      history: [
        { when: '2 Mar', what: 'Created by Business unit manager' },
        { when: '3 Mar', what: 'Reminder sent (3 working days before due)' },
        { when: '9 Mar', what: 'Owner chased (overdue)' },
        { when: '11 Mar', what: 'Escalated to the subgroup chair' },
      ],
      canAct: true,
      members: [
        { title: 'Detective inspector, safeguarding (police)', value: 'di-safeguarding' },
        { title: 'Named nurse, primary care (ICB)', value: 'named-nurse-primary-care' },
      ],
      minDate: '2026-03-11',
      messageId,
      actionId,
    }),
  },
  {
    name: 'recommendation',
    title: 'Recommendation routed to a subgroup',
    card: buildRecommendationCard({
      partnership: 'WSCP',
      heading: 'Recommendation for ILD',
      facts: [
        { title: 'Case', value: 'RR-2026-014' },
        { title: 'Category', value: 'Workforce development' },
        { title: 'Owning subgroup', value: 'Integrated Learning and Development Group' },
        { title: 'Stage', value: 'Routed, awaiting the chair' },
        { title: 'Action due', value: '29 May 2026' },
      ],
      text: 'Multi-agency training on recognising cumulative neglect.',
      history: [
        { when: '2 Mar', what: 'Recorded by Business unit manager' },
        { when: '2 Mar', what: 'Routed to ILD' },
      ],
      canRoute: true,
      canReview: false,
      subgroups: [
        { title: 'CSPRG: Child Safeguarding Practice Review Group', value: 'CSPRG' },
        { title: 'SEG: Safeguarding Effectiveness Group', value: 'SEG' },
      ],
      recommendationId: actionId,
      messageId,
    }),
  },
  {
    name: 'action-list',
    title: 'Actions list (my actions, actions <subgroup>)',
    card: buildActionListCard({
      partnership: 'WSCP',
      heading: 'Open actions of ILD',
      emptyText: 'ILD has no open actions.',
      items: [
        {
          title: 'Neglect masterclass',
          line: 'ILD · Learning and development officer · due 6 Mar 2026 · In progress · overdue by 3 working days',
          overdue: true,
        },
        {
          title: 'Refresh the training offer',
          line: 'ILD · Named nurse, primary care (ICB) · due 30 Apr 2026 · Open',
          overdue: false,
        },
      ],
    }),
  },
  {
    name: 'new-action',
    title: 'New action form',
    card: buildNewActionCard({
      partnership: 'WSCP',
      subgroups: [{ title: 'ILD: Integrated Learning and Development Group', value: 'ILD' }],
      people: [{ title: 'Learning and development officer', value: 'ld-officer' }],
      minDate: '2026-03-02',
    }),
  },
  {
    name: 'actions-summary',
    title: 'Actions summary for the Executive',
    card: buildActionsSummaryCard({
      partnership: 'WSCP',
      heading: 'Actions summary, 2 Dec 2026',
      totals: { open: 14, overdue: 5, recommendations: 6 },
      subgroups: [
        { subgroupId: 'CSPRG', open: 3, overdue: 1, daysOverdueMax: 2 },
        { subgroupId: 'ILD', open: 6, overdue: 3, daysOverdueMax: 9 },
        { subgroupId: 'SEG', open: 5, overdue: 1, daysOverdueMax: 4 },
      ],
      escalations: [
        { label: 'Subgroup chair', text: '7 escalations; 3 open actions there now' },
        { label: 'Business unit manager', text: '2 escalations; 1 open action there now' },
        { label: 'Executive', text: '1 escalation; 1 open action there now' },
      ],
      recommendations: [
        { subgroupId: 'CSPRG', text: 'Accepted 1 · Impact reviewed 2' },
        { subgroupId: 'ILD', text: 'Routed 1 · In progress 2' },
        { subgroupId: 'SEG', text: 'Evidenced complete 1' },
      ],
      footnote: 'Worst: most working days overdue. Counts only: no case details.',
    }),
  },
];

import type { AdaptiveCardJson } from '../expand';
import { buildHelpCard } from '../help';
import { buildNoticeCard } from '../notice';
import { buildProgressCard } from '../delivery-progress';
import { RAPID_REVIEW_SAMPLES } from '../rapid-review/samples';
import { buildWelcomeCard } from '../welcome';
import { ACTION_CARD_SAMPLES } from '../tracked-action/samples';
import { FORUM_CARD_SAMPLES } from '../forum/samples';
import { MEETING_CARD_SAMPLES } from '../meeting/samples';

export interface CardSample {
  /** File name in docs/cards/, e.g. `help` → docs/cards/help.png. */
  name: string;
  title: string;
  card: AdaptiveCardJson;
}

/**
 * One sample of every card, with made-up data (case references only), for the
 * card gallery (`npm run cards:render`) and the card validity test. Each
 * feature adds its cards here.
 */
export const CARD_SAMPLES: CardSample[] = [
  {
    name: 'help',
    title: 'Help',
    card: buildHelpCard({
      partnership: 'WSCP',
      greeting: 'Hello Sam Example. Type one of these commands:',
      commands: [{ command: 'help', description: 'What I can do for you' }],
    }),
  },
  {
    name: 'notice',
    title: 'Notice to acknowledge',
    card: buildNoticeCard({
      partnership: 'WSCP',
      title: 'RR-2026-014: learning from a Rapid Review',
      body: 'Please read the briefing and acknowledge it.',
      caseReference: 'RR-2026-014',
      messageId: '00000000-0000-4000-8000-000000000001',
    }),
  },
  {
    name: 'delivery-progress',
    title: 'Bulk send progress',
    card: buildProgressCard({
      subject: 'DSL forum opinion form, autumn 2',
      total: 450,
      teams: 312,
      email: 96,
      pending: 38,
      unconfirmed: 0,
      failed: 4,
      problems: [{ name: 'A. Example', reason: 'Not in the directory any more' }],
    }),
  },
  {
    name: 'welcome',
    title: 'Welcome on install',
    card: buildWelcomeCard({
      partnership: 'WSCP',
      displayName: 'Sam Example',
      roles: ['agency-lead'],
      chairs: [{ id: 'CSPRG', name: 'Child Safeguarding Practice Review Group' }],
      memberOf: [{ id: 'SEG', name: 'Safeguarding Effectiveness Group' }],
      commands: [
        { command: 'help', description: 'What I can do for you' },
        { command: 'my requests', description: 'Information requests waiting for your answer' },
        { command: 'my actions', description: 'Actions you own and when they are due' },
      ],
    }),
  },
  ...ACTION_CARD_SAMPLES,
  ...FORUM_CARD_SAMPLES,
  ...MEETING_CARD_SAMPLES,
  ...RAPID_REVIEW_SAMPLES,
];

import { RAPID_REVIEW_SAMPLES } from '../../cards/rapid-review/samples';
import { adaptiveCardProblems } from '../support/cards';
import { CARD_REFRESH_VERB } from '../../cards/rapid-review/verbs';
import { REFRESH_VERB } from '../../core/actions/refresh';

describe('Rapid Review cards', () => {
  it.each(RAPID_REVIEW_SAMPLES.map((s) => [s.name, s] as const))(
    '%s is a valid Adaptive Card 1.5',
    (_n, s) => {
      expect(adaptiveCardProblems(s.card)).toEqual([]);
    },
  );

  it('uses the registry refresh verb', () => {
    expect(CARD_REFRESH_VERB).toBe(REFRESH_VERB);
  });

  it('puts the refresh action and its user ids on the request form', () => {
    const card = RAPID_REVIEW_SAMPLES.find((s) => s.name === 'rapid-review-request')!.card;
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'card.refresh',
        data: { messageId: '00000000-0000-4000-8000-000000000101' },
      },
      userIds: ['29:example'],
    });
  });

  it('offers the book meeting button on the tracker with the rapid review id', () => {
    const card = RAPID_REVIEW_SAMPLES.find((s) => s.name === 'rapid-review-tracker')!.card;
    const actions = card.actions as Array<{ title: string; verb?: string; data?: unknown }>;
    expect(actions.map((a) => a.title)).toEqual([
      'Chase now',
      'Add an agency',
      'Extend a deadline',
      'Record decision',
      'Close requests',
      'Book meeting',
    ]);
    expect(actions.find((a) => a.title === 'Book meeting')).toMatchObject({
      verb: 'meeting.book',
      data: { purpose: 'rapid-review', rapidReviewId: '00000000-0000-4000-8000-000000000103' },
    });
  });
});

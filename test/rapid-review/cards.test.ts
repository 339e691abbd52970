import {
  buildRequestFormCard,
  buildRequestSummaryCard,
  expandRequestFormTemplate,
  expandRequestSummaryTemplate,
} from '../../cards/rapid-review';
import { RAPID_REVIEW_SAMPLES } from '../../cards/rapid-review/samples';
import { ANSWER_FIELD_NAMES, CSPR_CHOICES, INVOLVED_CHOICES } from '../../core/rapid-review/types';
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

  describe('the request cards built directly are exactly their templates expanded', () => {
    const common = {
      partnership: 'WSCP',
      messageId: '00000000-0000-4000-8000-000000000101',
      requestId: '00000000-0000-4000-8000-000000000102',
      caseReference: 'RR-2026-014',
      agency: 'West Yorkshire Police',
      deadline: '9 Mar 2026',
      status: 'Draft saved',
    };
    const notes = [
      { title: 'Delegated', value: 'to DI, safeguarding' },
      { title: 'Deadline extended', value: 'Records held "off site" & ${not an expression}' },
    ];
    const refresh = { verb: CARD_REFRESH_VERB, messageId: common.messageId, userIds: ['29:a', '29:b'] };
    const answers = (filled: boolean) =>
      Object.fromEntries(
        ANSWER_FIELD_NAMES.map((f, i) => [f, filled ? `${f} <b>${i}</b>\nline two ${'${x}'}` : '']),
      );

    it.each([
      ['empty, no banner, no notes, no colleagues, no refresh', false, '', [], [], undefined],
      [
        'filled, banner, notes, colleagues, refresh',
        true,
        'Reminder: due tomorrow.',
        notes,
        ['a', 'b'],
        refresh,
      ],
      ['filled, no banner, refresh without ids', true, '', notes, [], { ...refresh, userIds: [] }],
    ] as const)('request form: %s', (_n, filled, banner, ns, colleagues, r) => {
      const data = {
        ...common,
        notes: [...ns],
        daysLeft: '3 working days left',
        banner,
        answers: answers(filled),
        involvedChoices: INVOLVED_CHOICES,
        csprChoices: CSPR_CHOICES,
        colleagues: colleagues.map((c) => ({ title: `Colleague ${c}`, value: c })),
        refresh: r && { ...r, userIds: [...r.userIds] },
      };
      const card = buildRequestFormCard(data);
      expect(card).toEqual(expandRequestFormTemplate(data));
      expect(adaptiveCardProblems(card)).toEqual([]);
    });

    it.each([
      ['status only', [], [], ''],
      ['answers, notes and the way back', notes, [{ label: 'Summary', value: 'Two "visits" ${x}' }], 'm-1'],
    ] as const)('request summary: %s', (_n, ns, lines, backTo) => {
      const data = {
        ...common,
        notes: [...ns],
        title: 'Your answer for the Rapid Review',
        answers: [...lines],
        backTo,
        rapidReviewId: '00000000-0000-4000-8000-000000000103',
        refresh,
      };
      const card = buildRequestSummaryCard(data);
      expect(card).toEqual(expandRequestSummaryTemplate(data));
      expect(adaptiveCardProblems(card)).toEqual([]);
    });
  });
});

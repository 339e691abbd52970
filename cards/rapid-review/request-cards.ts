import type { AdaptiveCardJson } from '../expand';
import type { Choice, Fact } from './index';

/*
 * The request form and the request summary built directly, without the templating engine: these two cards
 * answer every draft save and submit (the hot path), and expanding a template costs more than the rest of
 * the card's work. They produce exactly what expanding request-form.template.json and
 * request-summary.template.json gives (test/rapid-review/cards.test.ts compares them on varied data), so
 * the templates stay the readable definition of the cards.
 */

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const facts = (
  fixed: Array<{ title: string; value: string }>,
  notes: readonly Fact[],
): Array<{ title: string; value: string }> => [
  ...fixed,
  ...notes.map((n) => ({ title: n.title, value: n.value })),
];

const choices = (list: readonly Choice[]) => list.map((c) => ({ title: c.title, value: c.value }));

function text(
  label: string,
  id: string,
  maxLength: number,
  value: string,
  multiline: boolean,
): Record<string, unknown> {
  return {
    type: 'Input.Text',
    id,
    label,
    ...(multiline ? { isMultiline: true } : {}),
    maxLength,
    value,
  };
}

export interface RequestFormFields {
  partnership: string;
  messageId: string;
  requestId: string;
  caseReference: string;
  agency: string;
  deadline: string;
  status: string;
  notes: readonly Fact[];
  daysLeft: string;
  banner: string;
  answers: Record<string, string>;
  involvedChoices: readonly Choice[];
  csprChoices: readonly Choice[];
  colleagues: readonly Choice[];
  verbs: { submit: string; saveDraft: string; delegate: string };
}

export function requestFormCard(d: RequestFormFields): AdaptiveCardJson {
  const a = d.answers;
  const ids = () => ({ messageId: d.messageId, requestId: d.requestId });
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: d.partnership, isSubtle: true, size: 'Small', wrap: true },
    {
      type: 'TextBlock',
      text: 'Rapid Review information request',
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
  ];
  if (d.banner !== '')
    body.push({ type: 'TextBlock', text: d.banner, color: 'Attention', weight: 'Bolder', wrap: true });
  body.push(
    {
      type: 'FactSet',
      facts: facts(
        [
          { title: 'Case', value: d.caseReference },
          { title: 'Agency', value: d.agency },
          { title: 'Answer by', value: `${d.deadline} (${d.daysLeft})` },
          { title: 'Status', value: d.status },
        ],
        d.notes,
      ),
    },
    {
      type: 'TextBlock',
      text: "Please give your agency's summary for the Rapid Review. Use the case reference only: no names, dates of birth or addresses. Save a draft at any time; submit when complete.",
      wrap: true,
    },
    {
      type: 'Input.ChoiceSet',
      id: 'rr_involved',
      label: 'Involved with the child or family',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose an answer',
      value: a.involved,
      choices: choices(d.involvedChoices),
    },
    text('Period of involvement', 'rr_period', 500, a.period!, false),
    text('Summary of involvement', 'rr_summary', 4000, a.summary!, true),
    text('Key events in date order', 'rr_keyEvents', 8000, a.keyEvents!, true),
    text('Immediate safeguarding actions taken', 'rr_immediateActions', 4000, a.immediateActions!, true),
    text('Early learning and good practice', 'rr_learning', 4000, a.learning!, true),
    {
      type: 'Input.ChoiceSet',
      id: 'rr_csprView',
      label: 'Whether the case may meet the criteria for a local Child Safeguarding Practice Review',
      style: 'compact',
      value: a.csprView,
      choices: choices(d.csprChoices),
    },
    text('Reasons for that view', 'rr_csprReason', 2000, a.csprReason!, true),
    text('Other agencies that should be asked', 'rr_otherAgencies', 1000, a.otherAgencies!, false),
  );
  const actions: Array<Record<string, unknown>> = [
    { type: 'Action.Execute', title: 'Submit', verb: d.verbs.submit, style: 'positive', data: ids() },
    { type: 'Action.Execute', title: 'Save draft', verb: d.verbs.saveDraft, data: ids() },
  ];
  if (d.colleagues.length > 0)
    actions.push({
      type: 'Action.ShowCard',
      title: 'Delegate to a colleague',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'rr_delegate',
            label: 'Colleague who will answer',
            style: 'compact',
            choices: choices(d.colleagues),
          },
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Delegate',
            verb: d.verbs.delegate,
            associatedInputs: 'auto',
            data: ids(),
          },
        ],
      },
    });
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions };
}

export interface RequestSummaryFields {
  partnership: string;
  title: string;
  caseReference: string;
  agency: string;
  deadline: string;
  status: string;
  notes: readonly Fact[];
  answers: ReadonlyArray<{ label: string; value: string }>;
  backTo: string;
  backVerb: string;
  rapidReviewId: string;
}

export function requestSummaryCard(d: RequestSummaryFields): AdaptiveCardJson {
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: d.partnership, isSubtle: true, size: 'Small', wrap: true },
    { type: 'TextBlock', text: d.title, weight: 'Bolder', size: 'Medium', wrap: true },
    {
      type: 'FactSet',
      facts: facts(
        [
          { title: 'Case', value: d.caseReference },
          { title: 'Agency', value: d.agency },
          { title: 'Answer by', value: d.deadline },
          { title: 'Status', value: d.status },
        ],
        d.notes,
      ),
    },
    ...d.answers.map((a) => ({
      type: 'Container',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: a.label, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: a.value, wrap: true, spacing: 'Small' },
      ],
    })),
  ];
  const actions =
    d.backTo !== ''
      ? [
          {
            type: 'Action.Execute',
            title: 'Back to the tracker',
            verb: d.backVerb,
            data: { messageId: d.backTo, rapidReviewId: d.rapidReviewId },
          },
        ]
      : [];
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions };
}

import { z } from 'zod';

/** The kinds of message this feature sends (messages.kind), each with its per-viewer CardView. */
export const RR_KINDS = {
  request: 'rapid-review-request',
  tracker: 'rapid-review-tracker',
  openForm: 'rapid-review-open',
} as const;

export const RR_CATEGORIES = [
  { value: 'death', title: 'Death' },
  { value: 'serious-harm', title: 'Serious harm' },
] as const;
export type RapidReviewCategory = (typeof RR_CATEGORIES)[number]['value'];

export const RR_OUTCOMES = [
  { value: 'local-review', title: 'Local Child Safeguarding Practice Review recommended' },
  { value: 'no-local-review', title: 'Local review not recommended' },
  { value: 'national-review', title: 'Referred to the Panel for a national review' },
  { value: 'more-information', title: 'More information needed' },
] as const;
export type RapidReviewOutcome = (typeof RR_OUTCOMES)[number]['value'];

/** Stored request statuses; "not sent" and "overdue" are derived when shown. */
export type RequestStatus = 'awaiting' | 'draft' | 'submitted' | 'declined';
export type ShownStatus = 'not-sent' | 'awaiting' | 'draft' | 'submitted' | 'overdue' | 'declined';

export const SHOWN_STATUS_LABELS: Record<ShownStatus, string> = {
  'not-sent': 'Not sent',
  awaiting: 'Awaiting',
  draft: 'Draft saved',
  submitted: 'Submitted',
  overdue: 'Overdue',
  declined: 'Declined: not involved',
};

export type MessagePurpose =
  'tracker' | 'request' | 'delegated' | 'reminder-before' | 'reminder-on-day' | 'chase' | 'open-form';

export const INVOLVED_CHOICES = [
  { value: 'yes', title: 'Yes' },
  { value: 'no', title: 'No' },
  { value: 'not-known', title: 'Not known' },
] as const;

export const CSPR_CHOICES = [
  { value: 'may-meet', title: 'May meet the criteria' },
  { value: 'does-not-meet', title: 'Does not meet the criteria' },
  { value: 'unsure', title: 'Unsure' },
] as const;

/** The information request's fields, with the label used in messages about them and their limit. */
export const ANSWER_FIELDS = {
  involved: { label: 'Involved with the child or family', max: 20 },
  period: { label: 'Period of involvement', max: 500 },
  summary: { label: 'Summary of involvement', max: 4000 },
  keyEvents: { label: 'Key events in date order', max: 8000 },
  immediateActions: { label: 'Immediate safeguarding actions taken', max: 4000 },
  learning: { label: 'Early learning and good practice', max: 4000 },
  csprView: { label: 'Whether the case may meet the criteria for a local review', max: 20 },
  csprReason: { label: 'Reasons for that view', max: 2000 },
  otherAgencies: { label: 'Other agencies that should be asked', max: 1000 },
} as const;
export type AnswerField = keyof typeof ANSWER_FIELDS;
export const ANSWER_FIELD_NAMES = Object.keys(ANSWER_FIELDS) as AnswerField[];
export type Answers = Partial<Record<AnswerField, string>>;

/** Card input ids are the field names prefixed, so they cannot clash with the action's own data. */
export const ANSWER_INPUT_PREFIX = 'rr_';

const text = (field: AnswerField) =>
  z
    .string()
    .max(
      ANSWER_FIELDS[field].max,
      `${ANSWER_FIELDS[field].label} is too long (at most ${ANSWER_FIELDS[field].max} characters)`,
    )
    .transform((s) => s.trim());

/** Whatever the card sent, kept to the known fields and their limits (a draft may be incomplete). */
export const draftAnswersSchema = z.object({
  involved: z
    .enum(['', 'yes', 'no', 'not-known'], { message: 'Involved with the child or family: choose an answer' })
    .optional(),
  period: text('period').optional(),
  summary: text('summary').optional(),
  keyEvents: text('keyEvents').optional(),
  immediateActions: text('immediateActions').optional(),
  learning: text('learning').optional(),
  csprView: z
    .enum(['', 'may-meet', 'does-not-meet', 'unsure'], {
      message: 'Whether the case may meet the criteria for a local review: choose an answer',
    })
    .optional(),
  csprReason: text('csprReason').optional(),
  otherAgencies: text('otherAgencies').optional(),
});

/** What a submitted answer must hold: whether involved, and if involved (or not known) the substance. */
export function missingForSubmit(a: Answers): AnswerField | undefined {
  if (!a.involved) return 'involved';
  if (a.involved === 'no') return undefined;
  for (const f of ['period', 'summary', 'csprView'] as const) if (!a[f]) return f;
  return undefined;
}

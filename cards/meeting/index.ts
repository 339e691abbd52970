import purposeTemplate from './purpose.template.json';
import requestTemplate from './request.template.json';
import offersTemplate from './offers.template.json';
import confirmationTemplate from './confirmation.template.json';
import statusTemplate from './status.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { MEETING_VERBS } from './verbs';

export { BOOK_MEETING_VERB, MEETING_VERBS } from './verbs';

export interface Choice {
  title: string;
  value: string;
}
export interface Fact {
  title: string;
  value: string;
}

/** Step 1 of `book meeting` with no argument: which review or subgroup. */
export function buildMeetingPurposeCard(d: { partnership: string; choices: Choice[] }): AdaptiveCardJson {
  return expandCard(purposeTemplate, { ...d, verb: MEETING_VERBS.form });
}

export interface MeetingRequestCardData {
  partnership: string;
  title: string;
  facts: Fact[];
  /** A Rapid Review the bot does not know: the chair types its case reference. */
  referenceEditable: boolean;
  people: Choice[];
  requiredIds: string[];
  optionalIds: string[];
  lengthMinutes: number;
  maxLengthMinutes: number;
  /** YYYY-MM-DD */
  windowStart: string;
  windowEnd: string;
  /** Set for a subgroup with a cadence, e.g. "Book a year: 4 meetings". */
  recurringLabel?: string;
  hint: string;
  /** Carried back with the inputs: `{ purpose, rapidReviewId? , subgroupId? }`. */
  submitData: Record<string, string>;
}

/** Step 2: attendees, length and window, with the defaults filled in. */
export function buildMeetingRequestCard(d: MeetingRequestCardData): AdaptiveCardJson {
  return expandCard(requestTemplate, {
    partnership: d.partnership,
    title: d.title,
    facts: d.facts,
    referenceEditable: d.referenceEditable,
    people: d.people,
    required: d.requiredIds.join(','),
    optional: d.optionalIds.join(','),
    lengthMinutes: d.lengthMinutes,
    maxLength: d.maxLengthMinutes,
    windowStart: d.windowStart,
    windowEnd: d.windowEnd,
    recurringAvailable: d.recurringLabel !== undefined,
    recurringLabel: d.recurringLabel ?? '',
    hint: d.hint,
    submitData: d.submitData,
    verb: MEETING_VERBS.find,
  });
}

export interface OfferRow {
  when: string;
  detail: string;
  /** Shows a "Book this time" button for this row. */
  index?: number;
}

export interface MeetingOffersCardData {
  partnership: string;
  title: string;
  facts: Fact[];
  text: string;
  tone: 'default' | 'good' | 'attention';
  requestId: string;
  offers: OfferRow[];
  /** Further buttons under the list (widen the window, make someone optional, try again, book the year). */
  choices: Array<{ title: string; verb: string; data: Record<string, string | number> }>;
}

/** The chair's card for one request: progress, the best three slots (or a year of dates), or what went wrong. */
export function buildMeetingOffersCard(d: MeetingOffersCardData): AdaptiveCardJson {
  return expandCard(offersTemplate, {
    partnership: d.partnership,
    title: d.title,
    facts: d.facts,
    text: d.text,
    color: d.tone === 'good' ? 'Good' : d.tone === 'attention' ? 'Attention' : 'Default',
    offers: d.offers.map((o) => ({
      when: o.when,
      detail: o.detail,
      pickable: o.index !== undefined,
      index: o.index ?? -1,
      requestId: d.requestId,
      verb: MEETING_VERBS.pick,
    })),
    choices: d.choices,
  });
}

export interface ConfirmedMeetingRow {
  meetingId: string;
  when: string;
  state: string;
  tone: 'default' | 'good' | 'attention';
  joinUrl: string | null;
  /** The chair's copy: Reschedule and Cancel. */
  canChange: boolean;
}

/** The confirmation to the chair and attendees: time and join link; the chair can reschedule or cancel. */
export function buildMeetingConfirmationCard(d: {
  partnership: string;
  title: string;
  text: string;
  meetings: ConfirmedMeetingRow[];
}): AdaptiveCardJson {
  return expandCard(confirmationTemplate, {
    partnership: d.partnership,
    title: d.title,
    text: d.text,
    meetings: d.meetings.map((m) => ({
      ...m,
      joinUrl: m.joinUrl ?? '',
      color: m.tone === 'good' ? 'Good' : m.tone === 'attention' ? 'Attention' : 'Default',
      rescheduleVerb: MEETING_VERBS.reschedule,
      cancelVerb: MEETING_VERBS.cancel,
    })),
  });
}

/** A short read-only answer ("Looking for times..."). */
export function buildMeetingStatusCard(d: {
  partnership: string;
  title: string;
  text: string;
}): AdaptiveCardJson {
  return expandCard(statusTemplate, d);
}

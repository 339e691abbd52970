/**
 * The button that starts booking a meeting; other cards (the Rapid Review
 * tracker, a subgroup card) carry it with data
 * `{ purpose: 'rapid-review', rapidReviewId }` or `{ purpose: 'subgroup', subgroupId }`.
 */
export const BOOK_MEETING_VERB = 'meeting.book';

/** Every other meeting verb; the handlers are in core/meetings/actions/. */
export const MEETING_VERBS = {
  book: BOOK_MEETING_VERB,
  /** The purpose picker's "Next": `{ target: 'rr:<id>' | 'sg:<id>' | 'rr-ref', reference? }`. */
  form: 'meeting.form',
  /** The request form's "Find times". */
  find: 'meeting.find',
  /** `{ requestId, index }`: book one of the offered slots (index -1: the whole proposed year). */
  pick: 'meeting.pick',
  /** `{ requestId }`: nothing fitted; search again with a longer window. */
  widen: 'meeting.widen',
  /** `{ requestId, personId }`: nothing fitted; search again with this person optional. */
  makeOptional: 'meeting.make-optional',
  /** `{ requestId }`: Graph failed; try the same step again. */
  retry: 'meeting.retry',
  /** `{ meetingId }` */
  reschedule: 'meeting.reschedule',
  /** `{ meetingId }` */
  cancel: 'meeting.cancel',
} as const;

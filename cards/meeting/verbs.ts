/**
 * The button that starts booking a meeting; other cards (the Rapid Review
 * tracker, a subgroup card) carry it with data
 * `{ purpose: 'rapid-review', rapidReviewId }` or `{ purpose: 'subgroup', subgroupId }`.
 */
export const BOOK_MEETING_VERB = 'meeting.book';

import { DateTime } from 'luxon';
import type { Person } from '../../config/partnership/schema';
import type { Services } from '../services/services';
import { mayBookForReview, mayBookForSubgroup } from './authorise';
import { findReviewForMeeting } from './rapid-review-lookup';

export type Outcome<T> =
  { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/** What the request form shows, with defaults filled in. */
export interface MeetingDraft {
  purpose: 'rapid-review' | 'subgroup';
  rapidReviewId?: string;
  subgroupId?: string;
  /** The case reference (Rapid Review) or subgroup id; '' when the chair must type the case reference. */
  reference: string;
  requiredIds: string[];
  optionalIds: string[];
  lengthMinutes: number;
  /** YYYY-MM-DD, partnership time zone. */
  windowStart: string;
  windowEnd: string;
  /** A subgroup with a cadence in the partnership file may book a year at once. */
  recurringAvailable: boolean;
  panelDeadline?: string;
}

const DEFAULT_LENGTH = 120;

function today(s: Services): string {
  return s.calendar.localDate(s.calendar.nextWorkingMoment(s.now()));
}

/** Rapid Review: the review's agency leads (and the chair), ending N working days before the Panel deadline. */
export async function draftForReview(
  s: Services,
  person: Person,
  by: { rapidReviewId?: string; caseReference?: string },
): Promise<Outcome<MeetingDraft>> {
  const p = s.partnership;
  const review = await findReviewForMeeting(s.db, p.id, {
    id: by.rapidReviewId,
    caseReference: by.caseReference,
  });
  if (by.rapidReviewId && !review)
    return { ok: false, status: 404, message: 'I cannot find that Rapid Review any more.' };
  if (!mayBookForReview(p, person, review?.chairId))
    return {
      ok: false,
      status: 403,
      message: 'Only the review chair, the chairs of the review group or the business unit can book this.',
    };
  const runBy = p.subgroups.find((g) => g.id === p.rapidReview.runBy);
  const start = today(s);
  const end = review
    ? s.calendar.addWorkingDays(review.panelDeadline, -p.meetings.rapidReviewEndsBeforePanelWorkingDays)
    : s.calendar.addWorkingDays(start, p.meetings.defaultWindowWorkingDays);
  return {
    ok: true,
    value: {
      purpose: 'rapid-review',
      rapidReviewId: review?.id,
      reference: review?.caseReference ?? by.caseReference ?? '',
      requiredIds: [...new Set([person.id, ...(review ? [review.chairId, ...review.agencyLeadIds] : [])])],
      optionalIds: [],
      lengthMinutes: runBy?.meetings?.lengthMinutes ?? DEFAULT_LENGTH,
      windowStart: start,
      windowEnd: end < start ? start : end,
      recurringAvailable: false,
      panelDeadline: review?.panelDeadline,
    },
  };
}

/** Subgroup: its chairs and members, the length from the partnership file, the next N working days. */
export function draftForSubgroup(s: Services, person: Person, subgroupId: string): Outcome<MeetingDraft> {
  const p = s.partnership;
  const group = p.subgroups.find((g) => g.id === subgroupId);
  if (!group) return { ok: false, status: 404, message: `There is no subgroup "${subgroupId}".` };
  if (!mayBookForSubgroup(p, person, group.id))
    return {
      ok: false,
      status: 403,
      message: `Only the ${group.id} chairs or the business unit can book this.`,
    };
  const start = today(s);
  return {
    ok: true,
    value: {
      purpose: 'subgroup',
      subgroupId: group.id,
      reference: group.id,
      requiredIds: [...new Set([...group.chairs, ...group.members])],
      optionalIds: [],
      lengthMinutes: group.meetings?.lengthMinutes ?? DEFAULT_LENGTH,
      windowStart: start,
      windowEnd: s.calendar.addWorkingDays(start, p.meetings.defaultWindowWorkingDays),
      recurringAvailable: group.meetings !== undefined,
    },
  };
}

/** Start of a local date as an instant. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

/** The instant the local date ends (the next day's midnight). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').plus({ days: 1 }).toJSDate();
}

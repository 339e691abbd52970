import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { appendAudit } from '../audit/append';
import { caseReference } from '../delivery/create-message';
import { fieldProblem } from '../text/field-problem';
import type { Services } from '../services/services';
import { draftForReview, draftForSubgroup, endOfLocalDay, startOfLocalDay, type Outcome } from './draft';
import { workingDayMinutes } from './slots';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const idList = z
  .union([z.string(), z.array(z.string())], { message: 'choose people from the list' })
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((x) => x.trim()).filter(Boolean));
const formId = z
  .string({ message: 'is missing from this form' })
  .min(1, 'is missing from this form')
  .max(64, 'is not one this form offers');

/** The request form's fields as Action.Execute (or the web form) sends them: untrusted. */
export const requestSubmission = z.object({
  purpose: z.enum(['rapid-review', 'subgroup'], { message: 'choose a Rapid Review or a subgroup meeting' }),
  rapidReviewId: formId.optional(),
  subgroupId: formId.optional(),
  reference: z
    .string({ message: 'enter the case reference as text' })
    .max(40, 'enter the Rapid Review case reference, such as RR-2026-014')
    .optional(),
  required: idList,
  optional: idList,
  lengthMinutes: z
    .union([z.string(), z.number()], { message: 'enter the meeting length in whole minutes' })
    .optional(),
  windowStart: z.string({ message: 'choose a date' }).optional(),
  windowEnd: z.string({ message: 'choose a date' }).optional(),
  recurring: z.union([z.string(), z.boolean()], { message: 'tick the box or leave it empty' }).optional(),
});
const FIELD_NAMES: Record<string, string> = {
  purpose: 'Purpose',
  rapidReviewId: 'Rapid Review',
  subgroupId: 'Subgroup',
  reference: 'Case reference',
  required: 'Required attendees',
  optional: 'Optional attendees',
  lengthMinutes: 'Length',
  windowStart: 'Window start',
  windowEnd: 'Window end',
  recurring: 'Repeat for a year',
};
export type RequestSubmission = z.input<typeof requestSubmission>;

export interface ValidRequest {
  purpose: 'rapid-review' | 'subgroup';
  rapidReviewId: string | null;
  subgroupId: string | null;
  reference: string;
  requiredIds: string[];
  optionalIds: string[];
  lengthMinutes: number;
  windowStart: Date;
  windowEnd: Date;
  recurring: boolean;
}

const bad = (message: string): Outcome<never> => ({ ok: false, status: 400, message });

/**
 * Checks a submitted request form: each problem is a plain sentence naming the
 * field, and nothing is recorded unless everything is right.
 */
export async function validateSubmission(
  s: Services,
  person: Person,
  data: unknown,
): Promise<Outcome<ValidRequest>> {
  const parsed = requestSubmission.safeParse(data);
  if (!parsed.success)
    return bad(
      parsed.error.issues[0]?.path.length
        ? fieldProblem(parsed.error, FIELD_NAMES, 'Meeting form')
        : 'This form is incomplete: please start again with "book meeting".',
    );
  const f = parsed.data;
  const p = s.partnership;
  const tz = p.timeZone;

  let reference: string;
  let rapidReviewId: string | null = null;
  let subgroupId: string | null = null;
  if (f.purpose === 'rapid-review') {
    const typed = (f.reference ?? '').trim().toUpperCase();
    const draft = await draftForReview(s, person, {
      rapidReviewId: f.rapidReviewId,
      caseReference: f.rapidReviewId ? undefined : typed,
    });
    if (!draft.ok) return draft;
    reference = draft.value.reference || typed;
    if (!caseReference.safeParse(reference).success)
      return bad('Case reference: enter the Rapid Review case reference, such as RR-2026-014 (no names).');
    rapidReviewId = draft.value.rapidReviewId ?? null;
  } else {
    const draft = draftForSubgroup(s, person, f.subgroupId ?? '');
    if (!draft.ok) return draft;
    reference = draft.value.reference;
    subgroupId = draft.value.subgroupId ?? null;
  }

  const unknown = [...f.required, ...f.optional].filter((id) => !s.directory.person(id));
  if (unknown.length) return bad(`Attendees: "${unknown[0]}" is not in the ${p.shortName} directory.`);
  const requiredIds = [...new Set(f.required)];
  const optionalIds = [...new Set(f.optional)].filter((id) => !requiredIds.includes(id));
  if (requiredIds.length === 0) return bad('Required attendees: choose at least one person.');
  if (requiredIds.length + optionalIds.length > 100)
    return bad('Attendees: at most 100 people can be invited from here.');

  const length = Number(f.lengthMinutes ?? NaN);
  if (!Number.isInteger(length) || length < 15)
    return bad('Length: enter the meeting length in whole minutes, at least 15.');
  const dayMinutes = workingDayMinutes(p.workingHours);
  if (length > dayMinutes)
    return bad(
      `Length: ${length} minutes is longer than a working day (${p.workingHours.start} to ${p.workingHours.end}).`,
    );

  const recurring = f.recurring === true || f.recurring === 'true';
  const group = subgroupId ? p.subgroups.find((g) => g.id === subgroupId) : undefined;
  if (recurring && !group?.meetings)
    return bad(
      'Repeat for a year: only a subgroup with a meeting frequency in the partnership file can repeat.',
    );

  const startDate = isoDate.safeParse(f.windowStart);
  const endDate = isoDate.safeParse(f.windowEnd);
  if (!startDate.success || !DateTime.fromISO(startDate.data).isValid)
    return bad('Window start: choose a date.');
  if (!recurring && (!endDate.success || !DateTime.fromISO(endDate.data).isValid))
    return bad('Window end: choose a date.');
  const now = s.now();
  let windowStart = startOfLocalDay(startDate.data, tz);
  let windowEnd = recurring
    ? DateTime.fromJSDate(windowStart).plus({ years: 1 }).toJSDate()
    : endOfLocalDay(endDate.data!, tz);
  if (windowEnd <= now)
    return bad(
      recurring
        ? `Window start: ${startDate.data} is more than a year ago, so the year of meetings is already over. Choose a later date.`
        : `Window end: ${endDate.data} is in the past. Choose a later date.`,
    );
  if (windowEnd <= windowStart) return bad('Window end: must be on or after the window start.');
  if (windowStart < now) windowStart = s.calendar.nextWorkingMoment(now);
  if (windowEnd <= windowStart) return bad('Window end: there is no working time left in this window.');
  if (!recurring && windowEnd.getTime() - windowStart.getTime() > 366 * 24 * 3600 * 1000)
    return bad('Window end: the window can be at most a year long.');
  windowEnd = new Date(windowEnd.getTime());

  return {
    ok: true,
    value: {
      purpose: f.purpose,
      rapidReviewId,
      subgroupId,
      reference,
      requiredIds,
      optionalIds,
      lengthMinutes: length,
      windowStart,
      windowEnd,
      recurring,
    },
  };
}

/** Records the request and hands the free/busy look-up to the find-slots job. */
export async function recordRequest(
  s: Services,
  person: Person,
  r: ValidRequest,
  opts: { reschedulesMeetingId?: string } = {},
): Promise<string> {
  const id = randomUUID();
  // Written on the business clock, as every meeting timestamp is: the meetings sweep compares with s.now().
  const now = s.now();
  await s.db
    .insertInto('meeting_requests')
    .values({
      id,
      partnership_id: s.partnership.id,
      purpose: r.purpose,
      reference: r.reference,
      rapid_review_id: r.rapidReviewId,
      subgroup_id: r.subgroupId,
      chair_id: person.id,
      required_ids: JSON.stringify(r.requiredIds),
      optional_ids: JSON.stringify(r.optionalIds),
      length_minutes: r.lengthMinutes,
      window_start: r.windowStart,
      window_end: r.windowEnd,
      recurring: r.recurring,
      reschedules_meeting_id: opts.reschedulesMeetingId ?? null,
      status: 'finding',
      picked: null,
      problem_code: null,
      message_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await appendAudit(s.db, {
    partnershipId: s.partnership.id,
    actor: person.id,
    action: opts.reschedulesMeetingId ? 'meeting.reschedule-requested' : 'meeting.requested',
    subjectType: 'meeting-request',
    subjectId: id,
    details: {
      purpose: r.purpose,
      reference: r.reference,
      required: r.requiredIds.length,
      optional: r.optionalIds.length,
      lengthMinutes: r.lengthMinutes,
      recurring: r.recurring,
    },
  });
  await s.queues.enqueue('find-slots', { requestId: id }, { jobId: `find-slots~${id}` });
  return id;
}

import { z } from 'zod';
import { DateTime } from 'luxon';
import { buildMeetingStatusCard } from '../../../cards/meeting';
import type { CardActionHandler, CardActionResult } from '../../actions/types';
import { appendAudit } from '../../audit/append';
import type { Services } from '../../services/services';
import { draftForReview } from '../draft';
import { confirmationCard, offersCard } from '../render';
import { loadMeeting, loadRequest, meetingsOfRequest, meetingSubject, type MeetingRequestRow } from '../rows';
import { recordRequest, validateSubmission, type ValidRequest } from '../submit-request';

const err = (status: 400 | 403 | 404 | 409, message: string): CardActionResult => ({
  kind: 'error',
  status,
  message,
});

function lookingCard(s: Services, reference: string, purpose: MeetingRequestRow['purpose']) {
  return buildMeetingStatusCard({
    partnership: s.partnership.shortName,
    title: meetingSubject(s.partnership.shortName, { purpose, reference }),
    text: "Looking at everyone's calendars. I'll send you the best times in a moment.",
  });
}

/** The request form's "Find times": checks every field, records the request, hands over to the worker. */
export const findTimes: CardActionHandler = async (deps, req) => {
  const valid = await validateSubmission(deps, req.person, req.data);
  if (!valid.ok) return err(valid.status, valid.message);
  await recordRequest(deps, req.person, valid.value);
  return { kind: 'card', card: lookingCard(deps, valid.value.reference, valid.value.purpose) };
};

const requestRef = z.object({ requestId: z.uuid() });

async function chairsRequest(deps: Services, personId: string, data: unknown) {
  const parsed = requestRef.safeParse(data);
  if (!parsed.success) return { error: err(400, 'This card is missing its meeting reference.') };
  const r = await loadRequest(deps.db, deps.partnership.id, parsed.data.requestId);
  if (!r) return { error: err(404, 'This meeting request no longer exists.') };
  if (r.chair_id !== personId)
    return { error: err(403, 'Only the person who asked for this meeting can do that.') };
  return { request: r };
}

const pickData = z.object({ requestId: z.uuid(), index: z.coerce.number().int().min(-1).max(60) });

/** The chair picks an offered slot (or, for a year of meetings, books them all). */
export const pickSlot: CardActionHandler = async (deps, req) => {
  const found = await chairsRequest(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const r = found.request;
  const parsed = pickData.safeParse(req.data);
  if (!parsed.success) return err(400, 'This button does not say which time you picked.');
  const index = r.recurring ? -1 : parsed.data.index;
  if (r.status !== 'offered')
    return {
      kind: 'card',
      card: offersCard(deps, r),
      message: 'This request has moved on; here is where it stands.',
    };
  if (!r.recurring && !r.offers[index]) return err(400, 'That time is not one of the offers.');
  const moved = await deps.db
    .updateTable('meeting_requests')
    .set({ status: 'booking', picked: index, updated_at: deps.now() })
    .where('id', '=', r.id)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return err(409, 'Someone else has just changed this request.');
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: req.person.id,
    action: 'meeting.slot-picked',
    subjectType: 'meeting-request',
    subjectId: r.id,
    details: { index },
  });
  await deps.queues.enqueue('book-meeting', { requestId: r.id }, { jobId: `book-meeting~${r.id}~1` });
  return { kind: 'card', card: offersCard(deps, { ...r, status: 'booking', picked: index }) };
};

/** A new search from an old one (widened window, someone made optional); the old one is set aside, audited. */
async function searchAgain(
  deps: Services,
  req: Parameters<CardActionHandler>[1],
  r: MeetingRequestRow,
  change: Partial<ValidRequest>,
  why: { reason: 'window-widened' } | { reason: 'made-optional'; personId: string },
): Promise<CardActionResult> {
  const base: ValidRequest = {
    purpose: r.purpose === 'subgroup' ? 'subgroup' : 'rapid-review',
    rapidReviewId: r.rapid_review_id,
    subgroupId: r.subgroup_id,
    reference: r.reference,
    requiredIds: r.required_ids,
    optionalIds: r.optional_ids,
    lengthMinutes: r.length_minutes,
    windowStart: r.window_start < deps.now() ? deps.calendar.nextWorkingMoment(deps.now()) : r.window_start,
    windowEnd: r.window_end,
    recurring: r.recurring,
  };
  const next = { ...base, ...change };
  if (next.windowEnd <= deps.now())
    return err(400, 'Window end: this window is in the past. Start again with "book meeting".');
  const setAside = await deps.db
    .updateTable('meeting_requests')
    .set({ status: 'superseded', updated_at: deps.now() })
    .where('id', '=', r.id)
    .where('status', '=', r.status)
    .executeTakeFirst();
  if (Number(setAside.numUpdatedRows) === 0) return err(409, 'Someone else has just changed this request.');
  const nextId = await recordRequest(deps, req.person, next, {
    reschedulesMeetingId: r.reschedules_meeting_id ?? undefined,
  });
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: req.person.id,
    action: 'meeting.superseded',
    subjectType: 'meeting-request',
    subjectId: r.id,
    details: { ...why, supersededBy: nextId },
  });
  return { kind: 'card', card: lookingCard(deps, r.reference, r.purpose) };
}

export const widenWindow: CardActionHandler = async (deps, req) => {
  const found = await chairsRequest(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const r = found.request;
  if (r.status !== 'no-slot') return { kind: 'card', card: offersCard(deps, r) };
  const tz = deps.partnership.timeZone;
  const lastDay = DateTime.fromJSDate(new Date(r.window_end.getTime() - 1), { zone: tz }).toISODate()!;
  const newLast = deps.calendar.addWorkingDays(lastDay, deps.partnership.meetings.defaultWindowWorkingDays);
  return searchAgain(
    deps,
    req,
    r,
    { windowEnd: DateTime.fromISO(newLast, { zone: tz }).plus({ days: 1 }).toJSDate() },
    { reason: 'window-widened' },
  );
};

const optionalData = z.object({ requestId: z.uuid(), personId: z.string().min(1).max(64) });

export const makeOptional: CardActionHandler = async (deps, req) => {
  const found = await chairsRequest(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const r = found.request;
  const parsed = optionalData.safeParse(req.data);
  if (!parsed.success || !r.required_ids.includes(parsed.data.personId))
    return err(400, 'Attendees: that person is not a required attendee of this meeting.');
  if (r.status !== 'no-slot') return { kind: 'card', card: offersCard(deps, r) };
  const requiredIds = r.required_ids.filter((id) => id !== parsed.data.personId);
  if (requiredIds.length === 0) return err(400, 'Required attendees: at least one person must be required.');
  return searchAgain(
    deps,
    req,
    r,
    { requiredIds, optionalIds: [...r.optional_ids, parsed.data.personId] },
    { reason: 'made-optional', personId: parsed.data.personId },
  );
};

/** After a Graph failure: the same step again. */
export const retryStep: CardActionHandler = async (deps, req) => {
  const found = await chairsRequest(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const r = found.request;
  if (r.status !== 'failed') return { kind: 'card', card: offersCard(deps, r) };
  const status = r.picked === null ? 'finding' : 'booking';
  const moved = await deps.db
    .updateTable('meeting_requests')
    .set({ status, problem_code: null, updated_at: deps.now() })
    .where('id', '=', r.id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return err(409, 'Someone else has just changed this request.');
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: req.person.id,
    action: 'meeting.retried',
    subjectType: 'meeting-request',
    subjectId: r.id,
    details: { step: status, problemCode: r.problem_code },
  });
  const stamp = Date.now();
  if (status === 'finding')
    await deps.queues.enqueue('find-slots', { requestId: r.id }, { jobId: `find-slots~${r.id}~${stamp}` });
  else
    await deps.queues.enqueue(
      'book-meeting',
      { requestId: r.id },
      { jobId: `book-meeting~${r.id}~${stamp}` },
    );
  return { kind: 'card', card: offersCard(deps, { ...r, status, problem_code: null }) };
};

const meetingRef = z.object({ meetingId: z.uuid() });

async function chairsMeeting(deps: Services, personId: string, data: unknown) {
  const parsed = meetingRef.safeParse(data);
  if (!parsed.success) return { error: err(400, 'This card is missing its meeting reference.') };
  const m = await loadMeeting(deps.db, deps.partnership.id, parsed.data.meetingId);
  if (!m) return { error: err(404, 'This meeting no longer exists.') };
  if (m.chair_id !== personId)
    return { error: err(403, 'Only the chair who booked this meeting can change it.') };
  const r = await loadRequest(deps.db, deps.partnership.id, m.request_id);
  if (!r) return { error: err(404, 'This meeting no longer exists.') };
  return { meeting: m, request: r };
}

async function currentConfirmation(
  deps: Services,
  req: Parameters<CardActionHandler>[1],
  r: MeetingRequestRow,
  messageId: string | null,
) {
  const meetings = messageId
    ? await deps.db
        .selectFrom('meetings')
        .selectAll()
        .where('confirmation_message_id', '=', messageId)
        .orderBy('occurrence')
        .execute()
    : await meetingsOfRequest(deps.db, r.id);
  return confirmationCard(deps, r, meetings, req.person);
}

/** Reschedule: a new search with the same attendees and length; the chosen time moves the existing event. */
export const reschedule: CardActionHandler = async (deps, req) => {
  const found = await chairsMeeting(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const { meeting: m, request: r } = found;
  if (m.status !== 'booked') return err(409, 'This meeting is cancelled, so it cannot be moved.');
  const now = deps.now();
  const start = deps.calendar.nextWorkingMoment(now);
  let lastDay = deps.calendar.addWorkingDays(
    deps.calendar.localDate(start),
    deps.partnership.meetings.defaultWindowWorkingDays,
  );
  if (r.purpose === 'rapid-review' && r.rapid_review_id) {
    const d = await draftForReview(deps, req.person, { rapidReviewId: r.rapid_review_id });
    if (d.ok && d.value.windowEnd > deps.calendar.localDate(start)) lastDay = d.value.windowEnd;
  }
  const tz = deps.partnership.timeZone;
  await recordRequest(
    deps,
    req.person,
    {
      purpose: r.purpose === 'subgroup' ? 'subgroup' : 'rapid-review',
      rapidReviewId: r.rapid_review_id,
      subgroupId: r.subgroup_id,
      reference: r.reference,
      requiredIds: r.required_ids,
      optionalIds: r.optional_ids,
      lengthMinutes: r.length_minutes,
      windowStart: start,
      windowEnd: DateTime.fromISO(lastDay, { zone: tz }).plus({ days: 1 }).toJSDate(),
      recurring: false,
    },
    { reschedulesMeetingId: m.id },
  );
  return {
    kind: 'card',
    card: await currentConfirmation(deps, req, r, m.confirmation_message_id),
    message: "Looking for new times. I'll send you the options in a moment.",
  };
};

/** Cancel: the event is cancelled by a job (Outlook tells the attendees); the card shows "Cancelling". */
export const cancel: CardActionHandler = async (deps, req) => {
  const found = await chairsMeeting(deps, req.person.id, req.data);
  if (found.error) return found.error;
  const { meeting: m, request: r } = found;
  if (m.status === 'booked') {
    await deps.db
      .updateTable('meetings')
      .set({ status: 'cancelling', updated_at: deps.now() })
      .where('id', '=', m.id)
      .where('status', '=', 'booked')
      .execute();
    await appendAudit(deps.db, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'meeting.cancel-requested',
      subjectType: 'meeting',
      subjectId: m.id,
    });
    await deps.queues.enqueue(
      'cancel-meeting',
      { meetingId: m.id },
      { jobId: `cancel-meeting~${m.id}~${Date.now()}` },
    );
  }
  return { kind: 'card', card: await currentConfirmation(deps, req, r, m.confirmation_message_id) };
};

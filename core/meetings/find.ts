import type { CalendarFailure, MeetingCalendar } from '../graph/calendar';
import type { Services } from '../services/services';
import type { MeetingOffer } from '../db/tables/meetings';
import { exclusively } from './exclusive';
import { showRequestToChair } from './notify';
import { loadRequest, type MeetingRequestRow } from './rows';
import {
  bestSlots,
  blockingAttendees,
  candidateSlots,
  freeSlots,
  yearOfSlots,
  type Attendance,
  type SlotRules,
} from './slots';

/**
 * Thrown so the job runner retries later: after Graph's Retry-After for a throttle (which uses no attempt, so
 * a throttle never ends a booking), else with BullMQ's backoff. Nothing has been recorded.
 */
export class RetryLater extends Error {
  constructor(readonly failure: CalendarFailure) {
    super(`graph ${failure.code}`);
  }
}

/** Whether a Graph failure is worth another go: a throttle always, a transient failure until the last attempt. */
export function retryable(failure: CalendarFailure, finalAttempt: boolean): boolean {
  return failure.kind === 'throttled' || (failure.kind === 'transient' && !finalAttempt);
}

export interface MeetingJobDeps extends Services {
  graphCalendar: MeetingCalendar | null | undefined;
}

export function slotRules(s: Services): SlotRules {
  return {
    calendar: s.calendar,
    timeZone: s.partnership.timeZone,
    workingHours: s.partnership.workingHours,
    stepMinutes: s.partnership.meetings.slotStepMinutes,
  };
}

async function settle(
  s: Services,
  r: MeetingRequestRow,
  patch: {
    status: MeetingRequestRow['status'];
    offers?: MeetingOffer[];
    problem_code?: string | null;
    problem_people?: string[];
  },
): Promise<void> {
  await s.db
    .updateTable('meeting_requests')
    .set({
      status: patch.status,
      offers: JSON.stringify(patch.offers ?? []),
      problem_code: patch.problem_code ?? null,
      problem_people: JSON.stringify(patch.problem_people ?? []),
      updated_at: s.now(),
    })
    .where('id', '=', r.id)
    .where('status', '=', 'finding')
    .execute();
  const fresh = await loadRequest(s.db, s.partnership.id, r.id);
  if (fresh) await showRequestToChair(s, fresh);
}

/**
 * The find-slots job: everyone's free/busy from Graph, then the best three
 * slots (or a year of dates) on the chair's card, or why there are none.
 * One run at a time per request: a duplicate job returns `already-running`.
 */
export async function findSlots(
  s: MeetingJobDeps,
  requestId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const done = await exclusively(s, `meeting-request:${requestId}`, () =>
    findSlotsNow(s, requestId, finalAttempt),
  );
  return done ?? { outcome: 'already-running' };
}

async function findSlotsNow(
  s: MeetingJobDeps,
  requestId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const r = await loadRequest(s.db, s.partnership.id, requestId);
  if (!r) return { outcome: 'gone' };
  if (r.status !== 'finding') {
    // A retry after the state was saved: make sure the chair has been told.
    if (
      !r.message_id ||
      !(await s.db.selectFrom('messages').select('id').where('id', '=', r.message_id).executeTakeFirst())
    )
      await showRequestToChair(s, r);
    return { outcome: `already-${r.status}` };
  }
  if (!s.graphCalendar) {
    await settle(s, r, { status: 'failed', problem_code: 'NOT_SET_UP' });
    return { outcome: 'not-set-up' };
  }
  const ids = [...r.required_ids, ...r.optional_ids];
  const emailOf = new Map(ids.map((id) => [id, s.directory.person(id)?.email.toLowerCase() ?? '']));
  const missing = ids.filter((id) => !emailOf.get(id));
  if (missing.length) {
    await settle(s, r, { status: 'failed', problem_code: 'UNKNOWN_ATTENDEE', problem_people: missing });
    return { outcome: 'unknown-attendee' };
  }
  const schedules = await s.graphCalendar.getSchedules(
    [...new Set(emailOf.values())],
    r.window_start,
    r.window_end,
  );
  if (!schedules.ok) {
    if (retryable(schedules.failure, finalAttempt)) throw new RetryLater(schedules.failure);
    await settle(s, r, { status: 'failed', problem_code: schedules.failure.code });
    return { outcome: 'graph-failed' };
  }
  const byEmail = new Map(schedules.value.map((x) => [x.email, x]));
  const unknown = ids.filter((id) => byEmail.get(emailOf.get(id)!)?.error);
  if (unknown.length) {
    s.logger.warn({ requestId, unknown: unknown.length }, 'getSchedule did not know some attendees');
    await settle(s, r, { status: 'failed', problem_code: 'UNKNOWN_ATTENDEE', problem_people: unknown });
    return { outcome: 'unknown-attendee' };
  }
  const attendance: Attendance[] = ids.map((id) => ({
    personId: id,
    required: r.required_ids.includes(id),
    blocks: byEmail.get(emailOf.get(id)!)?.items ?? [],
  }));
  const rules = slotRules(s);
  const toOffer = (x: { start: Date; end: Date; optionalFree: string[] }): MeetingOffer => ({
    start: x.start.toISOString(),
    end: x.end.toISOString(),
    optionalFree: x.optionalFree,
  });

  if (r.recurring) {
    const group = s.partnership.subgroups.find((g) => g.id === r.subgroup_id);
    const perYear = group?.meetings?.perYear ?? 4;
    const year = yearOfSlots(rules, r.window_start, perYear, r.length_minutes, attendance);
    const offers = year.flatMap((x) => (x ? [toOffer(x)] : []));
    if (offers.length === 0) {
      await settle(s, r, { status: 'no-slot' });
      return { outcome: 'no-slot' };
    }
    await settle(s, r, { status: 'offered', offers });
    return { outcome: 'offered', offers: offers.length } as { outcome: string };
  }

  const candidates = candidateSlots(rules, { start: r.window_start, end: r.window_end }, r.length_minutes);
  const best = bestSlots(freeSlots(candidates, attendance), rules.timeZone, 3);
  if (best.length === 0) {
    const blockers = blockingAttendees(candidates, attendance).map((b) => b.personId);
    await settle(s, r, { status: 'no-slot', problem_people: blockers.filter((id) => id !== r.chair_id) });
    return { outcome: 'no-slot' };
  }
  await settle(s, r, { status: 'offered', offers: best.map(toOffer) });
  return { outcome: 'offered' };
}

import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../calendar';
import type { FreeBusyStatus } from '../graph/calendar';

/** Tentative counts as not free: the issue asks for every required attendee free. Working elsewhere is free. */
const BLOCKING: ReadonlySet<FreeBusyStatus> = new Set(['busy', 'oof', 'tentative']);

export interface Attendance {
  personId: string;
  required: boolean;
  /** Free/busy blocks as Graph returned them; only busy, out-of-office and tentative block. */
  blocks: Array<{ status: FreeBusyStatus; start: Date; end: Date }>;
}

export interface Slot {
  start: Date;
  end: Date;
  optionalFree: string[];
}

export interface SlotRules {
  calendar: WorkingCalendar;
  timeZone: string;
  workingHours: { start: string; end: string };
  stepMinutes: number;
}

/** Minutes in the working day (09:00-17:00 is 480). */
export function workingDayMinutes(hours: { start: string; end: string }): number {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return m(hours.end) - m(hours.start);
}

/**
 * Every start inside working hours on a working day (weekends, bank holidays
 * and closure days skipped) such that the meeting fits in the day and in the
 * window. Times are walked in local wall-clock time, so 10:00 stays 10:00
 * across the clock changes.
 */
export function candidateSlots(rules: SlotRules, window: { start: Date; end: Date }, lengthMinutes: number) {
  const { calendar, timeZone, workingHours, stepMinutes } = rules;
  const out: Array<{ start: Date; end: Date }> = [];
  if (window.end <= window.start) return out;
  const from = calendar.localDate(window.start);
  const to = calendar.localDate(window.end);
  for (const day of calendar.workingDaysBetween(from, to)) {
    const dayStart = DateTime.fromISO(`${day}T${workingHours.start}`, { zone: timeZone });
    const dayEnd = DateTime.fromISO(`${day}T${workingHours.end}`, { zone: timeZone });
    for (
      let t = dayStart;
      t.plus({ minutes: lengthMinutes }) <= dayEnd;
      t = t.plus({ minutes: stepMinutes })
    ) {
      const start = t.toJSDate();
      const end = t.plus({ minutes: lengthMinutes }).toJSDate();
      if (start >= window.start && end <= window.end) out.push({ start, end });
    }
  }
  return out;
}

function freeDuring(a: Attendance, start: Date, end: Date): boolean {
  return !a.blocks.some((b) => BLOCKING.has(b.status) && b.start < end && b.end > start);
}

/** Slots where every required attendee is free, each with the optional attendees who are free too. */
export function freeSlots(
  candidates: Array<{ start: Date; end: Date }>,
  attendance: readonly Attendance[],
): Slot[] {
  const required = attendance.filter((a) => a.required);
  const optional = attendance.filter((a) => !a.required);
  return candidates
    .filter((c) => required.every((a) => freeDuring(a, c.start, c.end)))
    .map((c) => ({
      ...c,
      optionalFree: optional.filter((a) => freeDuring(a, c.start, c.end)).map((a) => a.personId),
    }));
}

/**
 * The best `n`: most optional attendees free, then earliest; spread over
 * different days where possible, so the chair has a real choice.
 */
export function bestSlots(slots: readonly Slot[], timeZone: string, n = 3): Slot[] {
  const ranked = [...slots].sort(
    (a, b) => b.optionalFree.length - a.optionalFree.length || a.start.getTime() - b.start.getTime(),
  );
  const day = (s: Slot) => DateTime.fromJSDate(s.start, { zone: timeZone }).toISODate();
  const picked: Slot[] = [];
  const days = new Set<string | null>();
  for (const s of ranked) {
    if (picked.length >= n) break;
    if (!days.has(day(s))) {
      picked.push(s);
      days.add(day(s));
    }
  }
  for (const s of ranked) {
    if (picked.length >= n) break;
    if (!picked.includes(s)) picked.push(s);
  }
  return picked.sort(
    (a, b) => b.optionalFree.length - a.optionalFree.length || a.start.getTime() - b.start.getTime(),
  );
}

/**
 * When nothing fits: the required attendees whose move to optional would open
 * the most slots (at most `n`, only those that would open any).
 */
export function blockingAttendees(
  candidates: Array<{ start: Date; end: Date }>,
  attendance: readonly Attendance[],
  n = 2,
): Array<{ personId: string; slots: number }> {
  const required = attendance.filter((a) => a.required);
  return required
    .map((r) => ({
      personId: r.personId,
      slots: candidates.filter((c) => required.every((a) => a === r || freeDuring(a, c.start, c.end))).length,
    }))
    .filter((x) => x.slots > 0)
    .sort((a, b) => b.slots - a.slots)
    .slice(0, n);
}

/**
 * A year of meetings: the year split into `perYear` equal periods, and in each
 * the best slot (required all free, most optional free, earliest).
 */
export function yearOfSlots(
  rules: SlotRules,
  from: Date,
  perYear: number,
  lengthMinutes: number,
  attendance: readonly Attendance[],
): Array<Slot | null> {
  const start = DateTime.fromJSDate(from, { zone: rules.timeZone });
  const months = 12 / perYear;
  const out: Array<Slot | null> = [];
  for (let i = 0; i < perYear; i++) {
    const offset = (k: number) =>
      Number.isInteger(months)
        ? start.plus({ months: k * months })
        : start.plus({ days: Math.round(k * months * 30.4375) });
    const pStart = offset(i);
    const pEnd = offset(i + 1);
    const candidates = candidateSlots(
      rules,
      { start: pStart.toJSDate(), end: pEnd.toJSDate() },
      lengthMinutes,
    );
    out.push(bestSlots(freeSlots(candidates, attendance), rules.timeZone, 1)[0] ?? null);
  }
  return out;
}

import type { WorkingCalendar } from '../calendar';

/** The Panel deadline: the notification date plus the partnership's working days (15 by default). */
export function panelDeadline(
  calendar: WorkingCalendar,
  notificationDate: string,
  workingDays: number,
): string {
  return calendar.addWorkingDays(notificationDate, workingDays);
}

/** An agency's deadline: the request date plus the partnership's response working days (5 by default). */
export function agencyDeadline(calendar: WorkingCalendar, requestedOn: string, workingDays: number): string {
  return calendar.addWorkingDays(requestedOn, workingDays);
}

/** Working days from `today` to `deadline`: positive ahead, 0 on the day, negative once it has passed. */
export function workingDaysLeft(calendar: WorkingCalendar, today: string, deadline: string): number {
  if (deadline >= today) return calendar.countWorkingDays(today, deadline);
  return -calendar.countWorkingDays(deadline, today);
}

export function describeDaysLeft(n: number): string {
  if (n === 0) return 'due today';
  if (n > 0) return `${n} working day${n === 1 ? '' : 's'} left`;
  return `${-n} working day${n === -1 ? '' : 's'} overdue`;
}

export type ReminderKind = 'before' | 'on-day' | 'overdue';

/**
 * A request's reminder moments: one working day before its deadline and on the day (each at the start
 * of working hours), then the start of the next working day, when it is recorded as overdue. Moments on
 * or before the day the request was sent are skipped.
 */
export function reminderMoments(
  calendar: WorkingCalendar,
  requestedOn: string,
  deadline: string,
): Array<{ kind: ReminderKind; at: Date }> {
  const moments = [
    { kind: 'before' as const, day: calendar.addWorkingDays(deadline, -1) },
    { kind: 'on-day' as const, day: deadline },
    { kind: 'overdue' as const, day: calendar.addWorkingDays(deadline, 1) },
  ];
  return moments
    .filter((m) => m.day > requestedOn)
    .map((m) => ({ kind: m.kind, at: calendar.atStartOfWorkingDay(m.day) }));
}

/** The first reminder moment strictly after `after`, or none. */
export function nextReminder(
  calendar: WorkingCalendar,
  requestedOn: string,
  deadline: string,
  after: Date,
): { kind: ReminderKind; at: Date } | undefined {
  return reminderMoments(calendar, requestedOn, deadline).find((m) => m.at.getTime() > after.getTime());
}

/** The latest reminder moment already due at `now` (a late sweep sends only the latest). */
export function dueReminder(
  calendar: WorkingCalendar,
  requestedOn: string,
  deadline: string,
  now: Date,
): { kind: ReminderKind; at: Date } | undefined {
  const due = reminderMoments(calendar, requestedOn, deadline).filter((m) => m.at.getTime() <= now.getTime());
  return due[due.length - 1];
}

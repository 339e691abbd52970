import { DateTime } from 'luxon';

/** 14 Oct 2026 */
export function formatDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLL yyyy');
}

/** 28 Oct 2026, 17:00 in the partnership's time zone */
export function formatMoment(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
}

/** The end of working hours on a local date, as an instant. */
export function endOfWorkingDay(isoDate: string, workingHoursEnd: string, timeZone: string): Date {
  const [hour, minute] = workingHoursEnd.split(':').map(Number);
  return DateTime.fromISO(isoDate, { zone: timeZone }).set({ hour, minute }).toJSDate();
}

import { DateTime } from 'luxon';

/** "Tue 3 Mar 2026, 10:00 to 12:00" in the partnership's time zone. */
export function formatSlot(start: Date, end: Date, timeZone: string): string {
  const s = DateTime.fromJSDate(start, { zone: timeZone });
  const e = DateTime.fromJSDate(end, { zone: timeZone });
  return `${s.toFormat('ccc d LLL yyyy, HH:mm')} to ${e.toFormat('HH:mm')}`;
}

export function formatDate(date: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).toFormat('ccc d LLL yyyy');
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} minutes`;
  return m === 0 ? `${h} hour${h === 1 ? '' : 's'}` : `${h} h ${m} min`;
}

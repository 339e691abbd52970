/**
 * Pure helpers for calendar dates written as 'YYYY-MM-DD'.
 *
 * Dates are handled as "day numbers" (days since 1970-01-01) computed with UTC arithmetic only, so the
 * machine's local time zone can never shift a date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function invalidDate(s: unknown): Error {
  return new Error(`invalid date ${JSON.stringify(s)}: expected a real date as YYYY-MM-DD`);
}

/** Validates that `s` is a real calendar date written as 'YYYY-MM-DD' and returns it unchanged. */
export function parseIsoDate(s: string): string {
  toDayNumber(s);
  return s;
}

/** Converts a 'YYYY-MM-DD' date into the number of days since 1970-01-01. Throws on invalid input. */
export function toDayNumber(s: string): number {
  if (typeof s !== 'string') throw invalidDate(s);
  const m = ISO_DATE.exec(s);
  if (!m) throw invalidDate(s);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) throw invalidDate(s);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw invalidDate(s);
  }
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Converts a day number (days since 1970-01-01) back into 'YYYY-MM-DD'. */
export function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Day of the week for a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const dow = dayOfWeek(n);
  return dow === 0 || dow === 6;
}

/** The calendar year of a day number. */
export function yearOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

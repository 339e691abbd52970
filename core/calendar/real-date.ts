import { parseIsoDate } from './iso-date';

/**
 * Whether `s` is a real calendar date written as YYYY-MM-DD. Never throws: `new Date('2026-13-01…')`
 * is an Invalid Date whose `toISOString()` throws a RangeError, which escapes zod and the card handlers.
 */
export function isRealIsoDate(s: string): boolean {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
}

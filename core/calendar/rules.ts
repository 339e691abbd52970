/** The calendar settings of a partnership, and their validation. */
import { IANAZone } from 'luxon';
import { normaliseRegion, type BankHolidayRegion } from './bank-holidays';
import { parseIsoDate } from './iso-date';
import { parseWorkingHours, type WorkingHoursWindow } from './working-hours';

export interface CalendarRules {
  /** IANA time zone, e.g. 'Europe/London'. */
  timeZone: string;
  bankHolidays: { country: string; region: string };
  /** Extra non-working days, 'YYYY-MM-DD'. */
  closureDays: string[];
  /** Local working hours, 'HH:MM'; the end is exclusive. */
  workingHours: { start: string; end: string };
}

export const DEFAULT_BANK_HOLIDAYS: Readonly<BankHolidayRegion> = Object.freeze({
  country: 'GB',
  region: 'ENG',
});

export interface ValidatedRules {
  timeZone: string;
  bankHolidays: BankHolidayRegion;
  closureDays: ReadonlySet<string>;
  workingHours: WorkingHoursWindow;
}

export function validateRules(rules: CalendarRules): ValidatedRules {
  if (rules === null || typeof rules !== 'object') {
    throw new Error('invalid calendar rules: expected { timeZone, bankHolidays, closureDays, workingHours }');
  }
  const { timeZone } = rules;
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new Error(
      `invalid time zone ${JSON.stringify(timeZone)}: expected an IANA zone such as "Europe/London"`,
    );
  }
  if (!Array.isArray(rules.closureDays)) {
    throw new Error(
      `invalid closure days ${JSON.stringify(rules.closureDays)}: expected a list of YYYY-MM-DD dates`,
    );
  }
  const closureDays = new Set<string>();
  for (const day of rules.closureDays) {
    try {
      closureDays.add(parseIsoDate(day));
    } catch (err) {
      throw new Error(`invalid closure day: ${(err as Error).message}`);
    }
  }
  return {
    timeZone,
    bankHolidays: normaliseRegion(rules.bankHolidays ?? DEFAULT_BANK_HOLIDAYS),
    closureDays,
    workingHours: parseWorkingHours(rules.workingHours),
  };
}

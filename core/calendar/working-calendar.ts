/**
 * Working-day arithmetic for one partnership: weekends, the partnership's bank holidays and its closure days
 * are not working days; reminders and escalations land inside working hours in the partnership time zone.
 */
import { DateTime } from 'luxon';
import { bankHolidayDates, bankHolidaysFor } from './bank-holidays';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from './iso-date';
import { DEFAULT_BANK_HOLIDAYS, validateRules, type CalendarRules, type ValidatedRules } from './rules';

/** Partnership settings as stored; bank holidays default to GB/ENG and closure days to none. */
export interface PartnershipCalendarSettings {
  timeZone: string;
  bankHolidays?: { country: string; region: string };
  closureDays?: string[];
  workingHours: { start: string; end: string };
}

function checkInstant(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new Error(`invalid instant ${String(at)}: expected a valid Date`);
  }
}

export class WorkingCalendar {
  private readonly rules: ValidatedRules;

  constructor(rules: CalendarRules) {
    this.rules = validateRules(rules);
  }

  static forPartnership(p: PartnershipCalendarSettings): WorkingCalendar {
    if (p === null || typeof p !== 'object') {
      throw new Error('invalid partnership calendar settings: expected { timeZone, workingHours, ... }');
    }
    return new WorkingCalendar({
      timeZone: p.timeZone,
      bankHolidays: p.bankHolidays ?? { ...DEFAULT_BANK_HOLIDAYS },
      closureDays: p.closureDays ?? [],
      workingHours: p.workingHours,
    });
  }

  get timeZone(): string {
    return this.rules.timeZone;
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  bankHolidaysIn(year: number): { date: string; name: string }[] {
    return bankHolidaysFor(this.rules.bankHolidays, year).map((h) => ({ date: h.date, name: h.name }));
  }

  addWorkingDays(date: string, n: number): string {
    let day = toDayNumber(date);
    if (!Number.isSafeInteger(n)) {
      throw new Error(`invalid number of working days ${JSON.stringify(n)}: expected a whole number`);
    }
    if (n === 0) {
      while (!this.isWorkingDayNumber(day)) day += 1;
      return fromDayNumber(day);
    }
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    while (remaining > 0) {
      day += step;
      if (this.isWorkingDayNumber(day)) remaining -= 1;
    }
    return fromDayNumber(day);
  }

  workingDaysBetween(from: string, to: string): string[] {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    if (end < start) {
      throw new Error(`invalid date range: end date "${to}" is before start date "${from}"`);
    }
    const days: string[] = [];
    for (let day = start; day <= end; day += 1) {
      if (this.isWorkingDayNumber(day)) days.push(fromDayNumber(day));
    }
    return days;
  }

  countWorkingDays(from: string, to: string): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) {
      if (this.isWorkingDayNumber(day)) count += 1;
    }
    return count;
  }

  nextWorkingMoment(at: Date): Date {
    const local = this.toLocal(at);
    const today = toDayNumber(local.toFormat('yyyy-MM-dd'));
    if (this.isWorkingDayNumber(today)) {
      const minutes = local.hour * 60 + local.minute;
      if (minutes < this.rules.workingHours.start.minutes) return this.startOfDay(today);
      if (minutes < this.rules.workingHours.end.minutes) return new Date(at.getTime());
    }
    let next = today + 1;
    while (!this.isWorkingDayNumber(next)) next += 1;
    return this.startOfDay(next);
  }

  atStartOfWorkingDay(date: string): Date {
    return this.startOfDay(toDayNumber(date));
  }

  isWithinWorkingHours(at: Date): boolean {
    const local = this.toLocal(at);
    if (!this.isWorkingDayNumber(toDayNumber(local.toFormat('yyyy-MM-dd')))) return false;
    const minutes = local.hour * 60 + local.minute;
    const { start, end } = this.rules.workingHours;
    return minutes >= start.minutes && minutes < end.minutes;
  }

  localDate(at: Date): string {
    const t = at.getTime();
    const last = this.lastDay;
    if (last && t >= last.from && t < last.to) return last.date;
    const local = this.toLocal(at);
    const midnight = local.startOf('day');
    const date = local.toFormat('yyyy-MM-dd');
    this.lastDay = { date, from: midnight.toMillis(), to: midnight.plus({ days: 1 }).toMillis() };
    return date;
  }

  /** The local day last asked for and the instants it spans: every card shows "today", so skip the zone maths. */
  private lastDay: { date: string; from: number; to: number } | undefined;

  private isWorkingDayNumber(day: number): boolean {
    if (isWeekend(day)) return false;
    const iso = fromDayNumber(day);
    if (this.rules.closureDays.has(iso)) return false;
    return !bankHolidayDates(this.rules.bankHolidays, yearOf(day)).has(iso);
  }

  private toLocal(at: Date): DateTime {
    checkInstant(at);
    return DateTime.fromMillis(at.getTime(), { zone: this.rules.timeZone });
  }

  /** The instant of workingHours.start on a local date (a start inside a spring-forward gap moves forward). */
  private startOfDay(day: number): Date {
    const [year, month, date] = fromDayNumber(day).split('-').map(Number);
    const { hour, minute } = this.rules.workingHours.start;
    return DateTime.fromObject(
      { year, month, day: date, hour, minute },
      { zone: this.rules.timeZone },
    ).toJSDate();
  }
}

import { loadPartnershipFile } from '../../config/partnership/load';
import { WorkingCalendar, parseIsoDate } from '../../core/calendar';

function calendarFor(opts: { partnership?: string }): WorkingCalendar {
  return WorkingCalendar.forPartnership(loadPartnershipFile(opts.partnership ?? 'wakefield'));
}

export function calendarWorkingDays(
  from: string,
  to: string,
  opts: { partnership?: string },
  out: (line: string) => void,
): void {
  parseIsoDate(from);
  parseIsoDate(to);
  if (to < from) throw new Error(`reversed range: ${to} is before ${from}`);
  for (const day of calendarFor(opts).workingDaysBetween(from, to)) out(day);
}

export function calendarAddWorkingDays(
  date: string,
  n: string,
  opts: { partnership?: string },
  out: (line: string) => void,
): void {
  parseIsoDate(date);
  if (!/^-?\d+$/.test(n)) throw new Error(`invalid number of working days "${n}": expected a whole number`);
  out(calendarFor(opts).addWorkingDays(date, Number(n)));
}

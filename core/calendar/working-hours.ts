/** Parsing and validation of the daily working-hours window ('HH:MM' to 'HH:MM', local time). */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface TimeOfDay {
  hour: number;
  minute: number;
  /** Minutes after local midnight. */
  minutes: number;
}

export interface WorkingHoursWindow {
  start: TimeOfDay;
  end: TimeOfDay;
}

export function parseTimeOfDay(s: string, label: string): TimeOfDay {
  const m = typeof s === 'string' ? HH_MM.exec(s) : null;
  if (!m) {
    throw new Error(
      `invalid working hours ${label} ${JSON.stringify(s)}: expected a 24-hour time as HH:MM, e.g. "09:00"`,
    );
  }
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return { hour, minute, minutes: hour * 60 + minute };
}

export function parseWorkingHours(hours: { start: string; end: string }): WorkingHoursWindow {
  if (hours === null || typeof hours !== 'object') {
    throw new Error('invalid working hours: expected { start: "HH:MM", end: "HH:MM" }');
  }
  const start = parseTimeOfDay(hours.start, 'start');
  const end = parseTimeOfDay(hours.end, 'end');
  if (end.minutes <= start.minutes) {
    throw new Error(
      `invalid working hours "${hours.start}"–"${hours.end}": the end must be later than the start`,
    );
  }
  return { start, end };
}

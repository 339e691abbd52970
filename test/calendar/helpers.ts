import { WorkingCalendar, type CalendarRules } from '../../core/calendar';

export const ENGLAND: CalendarRules = {
  timeZone: 'Europe/London',
  bankHolidays: { country: 'GB', region: 'ENG' },
  closureDays: [],
  workingHours: { start: '09:00', end: '17:00' },
};

export function calendar(overrides: Partial<CalendarRules> = {}): WorkingCalendar {
  return new WorkingCalendar({ ...ENGLAND, ...overrides });
}

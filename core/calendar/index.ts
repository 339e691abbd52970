/** Working-day calendar: deadlines in working days, reminders inside working hours, per partnership. */
export { WorkingCalendar, type PartnershipCalendarSettings } from './workingCalendar';
export { type CalendarRules, DEFAULT_BANK_HOLIDAYS } from './rules';
export { parseIsoDate } from './isoDate';
export { type BankHoliday, type BankHolidayRegion } from './bankHolidays';

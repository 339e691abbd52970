/** Working-day calendar: deadlines in working days, reminders inside working hours, per partnership. */
export { WorkingCalendar, type PartnershipCalendarSettings } from './working-calendar';
export { type CalendarRules, DEFAULT_BANK_HOLIDAYS } from './rules';
export { parseIsoDate } from './iso-date';
export { type BankHoliday, type BankHolidayRegion } from './bank-holidays';

import { WorkingCalendar } from '../../core/calendar';
import {
  agencyDeadline,
  describeDaysLeft,
  dueReminder,
  nextReminder,
  panelDeadline,
  reminderMoments,
  workingDaysLeft,
} from '../../core/rapid-review/deadlines';
import { displayStatus } from '../../core/rapid-review/status';
import { missingForSubmit } from '../../core/rapid-review/types';

const calendar = WorkingCalendar.forPartnership({
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
});

describe('Rapid Review deadlines', () => {
  it('puts the Panel deadline 15 working days after the notification, skipping Easter', () => {
    // Notified Monday 23 March 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    expect(panelDeadline(calendar, '2026-03-23', 15)).toBe('2026-04-15');
    expect(panelDeadline(calendar, '2026-03-02', 15)).toBe('2026-03-23');
  });

  it('gives agencies 5 working days from the request, over a weekend', () => {
    expect(agencyDeadline(calendar, '2026-03-05', 5)).toBe('2026-03-12');
    // Requested on a Saturday: counted from the next working day.
    expect(agencyDeadline(calendar, '2026-03-07', 5)).toBe('2026-03-13');
  });

  it('counts working days left, due today and overdue', () => {
    expect(workingDaysLeft(calendar, '2026-03-05', '2026-03-12')).toBe(5);
    expect(workingDaysLeft(calendar, '2026-03-12', '2026-03-12')).toBe(0);
    expect(workingDaysLeft(calendar, '2026-03-16', '2026-03-12')).toBe(-2);
    expect([5, 1, 0, -1, -2].map(describeDaysLeft)).toEqual([
      '5 working days left',
      '1 working day left',
      'due today',
      '1 working day overdue',
      '2 working days overdue',
    ]);
  });

  it('reminds one working day before and on the day at the start of working hours, then marks overdue', () => {
    // Deadline Monday 16 March 2026 (GMT): the day before is Friday 13 March.
    expect(reminderMoments(calendar, '2026-03-09', '2026-03-16')).toEqual([
      { kind: 'before', at: new Date('2026-03-13T09:00:00Z') },
      { kind: 'on-day', at: new Date('2026-03-16T09:00:00Z') },
      { kind: 'overdue', at: new Date('2026-03-17T09:00:00Z') },
    ]);
    // British Summer Time: 09:00 local is 08:00 UTC.
    expect(nextReminder(calendar, '2026-04-20', '2026-04-27', new Date('2026-04-20T12:00:00Z'))).toEqual({
      kind: 'before',
      at: new Date('2026-04-24T08:00:00Z'),
    });
  });

  it('skips a reminder that would fall on the day the request was sent', () => {
    // One working day to answer: no "day before" reminder on the day of sending.
    expect(reminderMoments(calendar, '2026-03-12', '2026-03-13').map((m) => m.kind)).toEqual([
      'on-day',
      'overdue',
    ]);
  });

  it('sends only the latest due reminder when the sweep is late', () => {
    const late = new Date('2026-03-16T10:00:00Z');
    expect(dueReminder(calendar, '2026-03-09', '2026-03-16', late)).toEqual({
      kind: 'on-day',
      at: new Date('2026-03-16T09:00:00Z'),
    });
    expect(nextReminder(calendar, '2026-03-09', '2026-03-16', late)?.kind).toBe('overdue');
    expect(
      dueReminder(calendar, '2026-03-09', '2026-03-16', new Date('2026-03-12T10:00:00Z')),
    ).toBeUndefined();
  });
});

describe('Rapid Review request states', () => {
  const base = { deadline: '2026-03-12' };
  const at = (status: string, opts: Partial<{ delivered: boolean; today: string; closed: boolean }> = {}) =>
    displayStatus({ ...base, status }, { delivered: true, today: '2026-03-10', closed: false, ...opts });

  it('derives not sent, awaiting, draft, overdue, submitted, declined and closed', () => {
    expect(at('awaiting', { delivered: false })).toBe('not-sent');
    expect(at('awaiting')).toBe('awaiting');
    expect(at('draft')).toBe('draft');
    expect(at('draft', { today: '2026-03-13' })).toBe('overdue');
    expect(at('awaiting', { today: '2026-03-12' })).toBe('awaiting');
    expect(at('submitted', { today: '2026-03-20' })).toBe('submitted');
    expect(at('declined', { closed: true })).toBe('declined');
    expect(at('awaiting', { closed: true })).toBe('closed');
  });

  it('asks for the substance before submit unless the agency was not involved', () => {
    expect(missingForSubmit({})).toBe('involved');
    expect(missingForSubmit({ involved: 'no' })).toBeUndefined();
    expect(missingForSubmit({ involved: 'yes', period: '2025' })).toBe('summary');
    expect(missingForSubmit({ involved: 'not-known', period: '2025', summary: 'x' })).toBe('csprView');
    expect(
      missingForSubmit({ involved: 'yes', period: '2025', summary: 'x', csprView: 'unsure' }),
    ).toBeUndefined();
  });
});

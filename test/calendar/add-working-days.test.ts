import { WorkingCalendar } from '../../core/calendar';
import { calendar } from './helpers';

describe('isWorkingDay', () => {
  const cal = calendar({ closureDays: ['2026-12-24'] });

  it.each([
    ['2026-03-02', true, 'an ordinary Monday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-03-08', false, 'a Sunday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-12-24', false, 'a closure day'],
    ['2026-12-23', true, 'the day before the closure'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it('rejects a bad date, naming it', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow('invalid date "2026-02-30"');
  });
});

describe('addWorkingDays', () => {
  const cal = calendar();

  it.each([
    ['2026-03-06', 1, '2026-03-09', 'Friday + 1 = Monday'],
    ['2026-03-06', 5, '2026-03-13', 'a whole week'],
    ['2026-03-07', 1, '2026-03-09', 'Saturday + 1 = Monday'],
    ['2026-03-08', 1, '2026-03-09', 'Sunday + 1 = Monday'],
    ['2026-03-02', 10, '2026-03-16', 'two weeks'],
    ['2026-04-02', 1, '2026-04-07', 'over Easter (Good Friday and Easter Monday)'],
    ['2026-03-30', 5, '2026-04-08', 'a week spanning Easter'],
    ['2026-12-24', 1, '2026-12-29', 'Christmas Eve + 1 skips Christmas and the Boxing Day substitute'],
    ['2026-12-31', 1, '2027-01-04', 'New Year’s Eve + 1 skips New Year’s Day and the weekend'],
    ['2021-12-24', 1, '2021-12-29', 'both 2021 substitute days'],
    ['2022-12-30', 1, '2023-01-03', 'the 2023 New Year substitute'],
    ['2022-06-01', 1, '2022-06-06', 'the Platinum Jubilee weekend'],
  ])('%s + %i = %s (%s)', (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it('computes the Rapid Review deadline: notification on 2026-12-21 + 15 working days = 2027-01-14', () => {
    expect(cal.addWorkingDays('2026-12-21', 15)).toBe('2027-01-14');
    expect(cal.workingDaysBetween('2026-12-22', '2027-01-14')).toHaveLength(15);
    expect(cal.countWorkingDays('2026-12-21', '2027-01-14')).toBe(15);
  });

  describe('with n = 0', () => {
    it('returns a working day unchanged', () => {
      expect(cal.addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
    });
    it('moves a weekend or holiday to the next working day', () => {
      expect(cal.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
      expect(cal.addWorkingDays('2026-12-25', 0)).toBe('2026-12-29');
    });
  });

  describe('with negative n', () => {
    it.each([
      ['2026-03-09', -1, '2026-03-06', 'Monday - 1 = Friday'],
      ['2026-03-08', -1, '2026-03-06', 'Sunday - 1 = Friday'],
      ['2026-04-07', -1, '2026-04-02', 'back over Easter'],
      ['2027-01-14', -15, '2026-12-21', 'undoes the Rapid Review deadline'],
      ['2027-01-04', -2, '2026-12-30', 'back over New Year'],
    ])('%s %i = %s (%s)', (date, n, expected) => {
      expect(cal.addWorkingDays(date, n)).toBe(expected);
    });
  });

  it('skips configured closure days', () => {
    const closed = calendar({ closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'] });
    expect(closed.addWorkingDays('2026-12-24', 1)).toBe('2027-01-04');
    expect(closed.addWorkingDays('2026-12-21', 15)).toBe('2027-01-19');
    expect(closed.addWorkingDays('2026-12-29', 0)).toBe('2027-01-04');
  });

  it('rejects a bad date or a fractional count', () => {
    expect(() => cal.addWorkingDays('2026-13-01', 1)).toThrow('invalid date "2026-13-01"');
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow('invalid number of working days 1.5');
    expect(() => cal.addWorkingDays('2026-03-02', Number.NaN)).toThrow('invalid number of working days');
  });
});

describe('workingDaysBetween', () => {
  const cal = calendar({ closureDays: ['2026-12-31'] });

  it('lists working days inclusively at both ends', () => {
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-09')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
    ]);
  });

  it('skips holidays and closure days', () => {
    expect(cal.workingDaysBetween('2026-12-24', '2027-01-05')).toEqual([
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2027-01-04',
      '2027-01-05',
    ]);
  });

  it('returns one day for a single working day and none for a single holiday', () => {
    expect(cal.workingDaysBetween('2026-03-04', '2026-03-04')).toEqual(['2026-03-04']);
    expect(cal.workingDaysBetween('2026-12-25', '2026-12-25')).toEqual([]);
  });

  it('throws a clear error for a reversed range', () => {
    expect(() => cal.workingDaysBetween('2026-03-09', '2026-03-02')).toThrow(
      'invalid date range: end date "2026-03-02" is before start date "2026-03-09"',
    );
  });
});

describe('countWorkingDays', () => {
  const cal = calendar();

  it.each([
    ['2026-03-02', '2026-03-06', 4, 'Monday to Friday'],
    ['2026-03-06', '2026-03-09', 1, 'Friday to Monday'],
    ['2026-04-02', '2026-04-07', 1, 'over Easter'],
    ['2026-03-04', '2026-03-04', 0, 'the same day'],
    ['2026-03-09', '2026-03-02', 0, 'a reversed range (to before from)'],
    ['2026-03-07', '2026-03-08', 0, 'a weekend'],
  ])('%s → %s = %i (%s)', (from, to, expected) => {
    expect(cal.countWorkingDays(from, to)).toBe(expected);
  });

  it('is the inverse of addWorkingDays for working-day starts', () => {
    for (const n of [1, 5, 15, 20, 60]) {
      expect(cal.countWorkingDays('2026-12-21', cal.addWorkingDays('2026-12-21', n))).toBe(n);
    }
  });

  it('rejects bad dates', () => {
    expect(() => cal.countWorkingDays('2026-03-02', 'soon')).toThrow('invalid date "soon"');
  });
});

describe('forPartnership', () => {
  it('builds a calendar from stored partnership settings', () => {
    const cal = WorkingCalendar.forPartnership({
      timeZone: 'Europe/London',
      bankHolidays: { country: 'GB', region: 'ENG' },
      closureDays: ['2026-03-04'],
      workingHours: { start: '08:30', end: '16:30' },
    });
    expect(cal.isWorkingDay('2026-03-04')).toBe(false);
    expect(cal.atStartOfWorkingDay('2026-03-05').toISOString()).toBe('2026-03-05T08:30:00.000Z');
  });
});

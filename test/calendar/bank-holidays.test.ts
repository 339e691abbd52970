import { WorkingCalendar } from '../../core/calendar';
import { calendar } from './helpers';

/** England and Wales bank holidays as published on GOV.UK (weekday days off, substitutes included). */
const ENGLAND_AND_WALES: Record<number, string[]> = {
  2020: [
    '2020-01-01',
    '2020-04-10',
    '2020-04-13',
    '2020-05-08',
    '2020-05-25',
    '2020-08-31',
    '2020-12-25',
    '2020-12-28',
  ],
  2021: [
    '2021-01-01',
    '2021-04-02',
    '2021-04-05',
    '2021-05-03',
    '2021-05-31',
    '2021-08-30',
    '2021-12-27',
    '2021-12-28',
  ],
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ],
  2023: [
    '2023-01-02',
    '2023-04-07',
    '2023-04-10',
    '2023-05-01',
    '2023-05-08',
    '2023-05-29',
    '2023-08-28',
    '2023-12-25',
    '2023-12-26',
  ],
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
};

describe('bank holidays (England and Wales)', () => {
  const cal = calendar();

  it.each(Object.entries(ENGLAND_AND_WALES))('%s matches the published list', (year, dates) => {
    expect(cal.bankHolidaysIn(Number(year)).map((h) => h.date)).toEqual(dates);
  });

  it('is the same list for Wales (GB/WLS)', () => {
    const wales = calendar({ bankHolidays: { country: 'GB', region: 'WLS' } });
    for (const [year, dates] of Object.entries(ENGLAND_AND_WALES)) {
      expect(wales.bankHolidaysIn(Number(year)).map((h) => h.date)).toEqual(dates);
    }
  });

  it.each([
    ['2020-12-28', /Boxing Day \(substitute day\)/],
    ['2021-12-27', /Christmas Day \(substitute day\)/],
    ['2021-12-28', /Boxing Day \(substitute day\)/],
    ['2022-01-03', /New Year's Day \(substitute day\)/],
    ['2027-12-27', /Christmas Day \(substitute day\)/],
    ['2027-12-28', /Boxing Day \(substitute day\)/],
  ])('includes the substitute day %s', (date, name) => {
    const holiday = cal.bankHolidaysIn(Number(date.slice(0, 4))).find((h) => h.date === date);
    expect(holiday?.name).toMatch(name);
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2022-06-02', /Spring bank holiday/],
    ['2022-06-03', /Platinum Jubilee/],
    ['2022-09-19', /Funeral/],
    ['2023-05-08', /Coronation/],
  ])('includes the one-off day %s', (date, name) => {
    const holiday = cal.bankHolidaysIn(Number(date.slice(0, 4))).find((h) => h.date === date);
    expect(holiday?.name).toMatch(name);
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it('moves the 2020 early May bank holiday to VE Day, Friday 8 May', () => {
    const may = cal.bankHolidaysIn(2020).filter((h) => h.date.startsWith('2020-05'));
    expect(may.map((h) => h.date)).toEqual(['2020-05-08', '2020-05-25']);
    expect(cal.isWorkingDay('2020-05-04')).toBe(true);
    expect(cal.isWorkingDay('2020-05-08')).toBe(false);
  });

  it('leaves out non-public observances such as Mother’s Day, Easter Sunday and Father’s Day', () => {
    const names = [2020, 2023, 2026].flatMap((y) => cal.bankHolidaysIn(y).map((h) => h.name));
    expect(names.join('|')).not.toMatch(/Mother|Father|Easter Sunday/);
    // Mother's Day 2026 is Sunday 15 March; a weekday observance must not block a working day either.
    expect(cal.bankHolidaysIn(2026).some((h) => h.date === '2026-03-15')).toBe(false);
  });

  it('leaves out nominal dates falling at a weekend, whose day off is the substitute', () => {
    const dates = cal.bankHolidaysIn(2022).map((h) => h.date);
    expect(dates).not.toContain('2022-01-01');
    expect(dates).not.toContain('2022-12-25');
  });

  it('returns fresh objects, so callers cannot corrupt the cache', () => {
    const first = cal.bankHolidaysIn(2026);
    first.splice(0, first.length);
    expect(cal.bankHolidaysIn(2026)).toHaveLength(8);
  });

  it('rejects a nonsensical year', () => {
    expect(() => cal.bankHolidaysIn(2026.5)).toThrow('invalid year 2026.5');
    expect(() => cal.bankHolidaysIn(Number.NaN)).toThrow('invalid year');
  });
});

describe('bank holidays (region configuration)', () => {
  const scotland = calendar({ bankHolidays: { country: 'GB', region: 'SCT' } });
  const england = calendar();

  it('gives Scotland 2 January, St Andrew’s Day and an early August holiday, but no Easter Monday', () => {
    const dates = scotland.bankHolidaysIn(2026).map((h) => h.date);
    expect(dates).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-01-02',
        '2026-08-03',
        '2026-11-30',
        '2026-12-25',
        '2026-12-28',
      ]),
    );
    expect(dates).not.toContain('2026-04-06');
    expect(dates).not.toContain('2026-08-31');
  });

  it('changes which days are working days', () => {
    expect(scotland.isWorkingDay('2026-01-02')).toBe(false);
    expect(england.isWorkingDay('2026-01-02')).toBe(true);
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(england.isWorkingDay('2026-04-06')).toBe(false);
    expect(scotland.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(england.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
  });

  it('gives Northern Ireland St Patrick’s Day', () => {
    const ni = calendar({ bankHolidays: { country: 'GB', region: 'NIR' } });
    expect(ni.isWorkingDay('2026-03-17')).toBe(false);
    expect(england.isWorkingDay('2026-03-17')).toBe(true);
  });

  it('accepts lower-case codes', () => {
    const lower = calendar({ bankHolidays: { country: 'gb', region: 'sct' } });
    expect(lower.isWorkingDay('2026-01-02')).toBe(false);
  });

  it('defaults to GB/ENG for a partnership without a bank holiday setting', () => {
    const cal = WorkingCalendar.forPartnership({
      timeZone: 'Europe/London',
      workingHours: { start: '09:00', end: '17:00' },
    });
    expect(cal.bankHolidaysIn(2026)).toEqual(england.bankHolidaysIn(2026));
  });

  it('rejects an unknown country or region instead of silently using the wrong holidays', () => {
    expect(() => calendar({ bankHolidays: { country: 'XX', region: 'ENG' } })).toThrow(
      'unknown bank holiday country "XX"',
    );
    expect(() => calendar({ bankHolidays: { country: 'GB', region: 'YORKS' } })).toThrow(
      /unknown bank holiday region "YORKS" for country "GB": expected one of .*ENG.*SCT/,
    );
  });
});

import { formatDate, formatInstant } from '../../core/rapid-review/format';

describe('dates and instants on Rapid Review cards (remembered between calls)', () => {
  it('formats dates, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDate('2026-03-12')).toBe('12 Mar 2026');
      expect(formatDate('2026-09-01')).toBe('1 Sept 2026');
    }
    expect(() => formatDate('not-a-date')).toThrow(RangeError);
  });

  it('formats instants to the minute in the time zone, moving on with the minute and the zone', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-03-12T14:05:00Z', 'Europe/London', '12 Mar 2026, 14:05'],
      ['2026-03-12T14:05:59.999Z', 'Europe/London', '12 Mar 2026, 14:05'],
      ['2026-03-12T14:06:00Z', 'Europe/London', '12 Mar 2026, 14:06'],
      ['2026-06-12T14:06:00Z', 'Europe/London', '12 Jun 2026, 15:06'],
      ['2026-06-12T14:06:00Z', 'America/New_York', '12 Jun 2026, 10:06'],
      ['2026-06-12T14:06:00Z', 'Europe/London', '12 Jun 2026, 15:06'],
      ['2026-03-12T14:05:30Z', 'Europe/London', '12 Mar 2026, 14:05'],
    ];
    for (const [at, zone, text] of cases)
      expect([at, zone, formatInstant(new Date(at), zone)]).toEqual([at, zone, text]);
    expect(() => formatInstant(new Date(Number.NaN), 'Europe/London')).toThrow(RangeError);
  });
});

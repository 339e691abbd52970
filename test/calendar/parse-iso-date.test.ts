import { parseIsoDate } from '../../core/calendar';

describe('parseIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2026-12-31', '2000-02-29'])('accepts the real date %s', (s) => {
    expect(parseIsoDate(s)).toBe(s);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00'])(
    'rejects the impossible date %s, naming it',
    (s) => {
      expect(() => parseIsoDate(s)).toThrow(`invalid date "${s}": expected a real date as YYYY-MM-DD`);
    },
  );

  it.each(['2026-1-5', '05/01/2026', '2026-01-05T00:00:00Z', '', ' 2026-01-05', '2026-01-05 '])(
    'rejects the badly written date %j',
    (s) => {
      expect(() => parseIsoDate(s)).toThrow(/invalid date .*expected a real date as YYYY-MM-DD/);
    },
  );

  it('rejects non-strings with a clear message', () => {
    expect(() => parseIsoDate(20260105 as unknown as string)).toThrow('invalid date 20260105');
  });
});

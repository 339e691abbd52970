import { calendar } from './helpers';

const london = calendar();

describe('nextWorkingMoment', () => {
  it.each([
    [
      '2026-03-28T10:00:00Z',
      '2026-03-30T08:00:00.000Z',
      'Saturday before the clocks go forward → Monday 09:00 BST',
    ],
    ['2026-03-27T18:00:00Z', '2026-03-30T08:00:00.000Z', 'Friday evening in GMT → Monday 09:00 BST'],
    ['2026-10-23T17:00:00Z', '2026-10-26T09:00:00.000Z', 'Friday 18:00 BST → Monday 09:00 GMT'],
    ['2026-10-25T01:30:00Z', '2026-10-26T09:00:00.000Z', 'during the repeated hour on clock-change Sunday'],
    ['2026-04-03T10:00:00Z', '2026-04-07T08:00:00.000Z', 'Good Friday → Tuesday after Easter Monday'],
    ['2026-04-02T16:30:00Z', '2026-04-07T08:00:00.000Z', 'Maundy Thursday 17:30 BST → Tuesday after Easter'],
    [
      '2026-03-04T07:15:00Z',
      '2026-03-04T09:00:00.000Z',
      'before 09:00 GMT on a working day → same day 09:00',
    ],
    [
      '2026-06-03T07:59:00Z',
      '2026-06-03T08:00:00.000Z',
      'before 09:00 BST on a working day → same day 09:00',
    ],
    [
      '2026-06-02T23:30:00Z',
      '2026-06-03T08:00:00.000Z',
      'just after local midnight (still the previous UTC day)',
    ],
    [
      '2026-12-24T17:00:00Z',
      '2026-12-29T09:00:00.000Z',
      'Christmas Eve evening → after the Christmas holidays',
    ],
  ])('%s → %s (%s)', (at, expected) => {
    expect(london.nextWorkingMoment(new Date(at)).toISOString()).toBe(expected);
  });

  it('returns the same instant when already inside working hours', () => {
    for (const at of ['2026-03-04T09:00:00.000Z', '2026-03-04T16:59:59.999Z', '2026-06-03T08:00:00.000Z']) {
      expect(london.nextWorkingMoment(new Date(at)).toISOString()).toBe(at);
    }
  });

  it('treats the end of working hours as outside them', () => {
    expect(london.nextWorkingMoment(new Date('2026-03-04T17:00:00Z')).toISOString()).toBe(
      '2026-03-05T09:00:00.000Z',
    );
  });

  it('skips closure days', () => {
    const closed = calendar({ closureDays: ['2026-03-05'] });
    expect(closed.nextWorkingMoment(new Date('2026-03-04T18:00:00Z')).toISOString()).toBe(
      '2026-03-06T09:00:00.000Z',
    );
  });

  it('works in another time zone', () => {
    const ny = calendar({ timeZone: 'America/New_York' });
    // Saturday 2026-03-07 → Monday 2026-03-09 09:00 EDT (US clocks change on 8 March) = 13:00Z.
    expect(ny.nextWorkingMoment(new Date('2026-03-07T12:00:00Z')).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => london.nextWorkingMoment(new Date('not a date'))).toThrow('invalid instant Invalid Date');
  });
});

describe('isWithinWorkingHours', () => {
  it.each([
    ['2026-03-04T09:00:00Z', true, '09:00 GMT on a Wednesday'],
    ['2026-03-04T08:59:59Z', false, 'just before the start'],
    ['2026-03-04T16:59:59Z', true, 'just before the end'],
    ['2026-03-04T17:00:00Z', false, 'at the end'],
    ['2026-06-03T08:00:00Z', true, '09:00 BST'],
    ['2026-06-03T16:30:00Z', false, '17:30 BST'],
    ['2026-03-07T12:00:00Z', false, 'a Saturday'],
    ['2026-04-06T12:00:00Z', false, 'Easter Monday'],
  ])('%s → %s (%s)', (at, expected) => {
    expect(london.isWithinWorkingHours(new Date(at))).toBe(expected);
  });
});

describe('atStartOfWorkingDay', () => {
  it.each([
    ['2026-03-27', '2026-03-27T09:00:00.000Z', 'GMT'],
    ['2026-03-30', '2026-03-30T08:00:00.000Z', 'BST'],
    ['2026-10-26', '2026-10-26T09:00:00.000Z', 'GMT again'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(london.atStartOfWorkingDay(date).toISOString()).toBe(expected);
  });

  it('rejects a bad date', () => {
    expect(() => london.atStartOfWorkingDay('2026-02-29')).toThrow('invalid date "2026-02-29"');
  });
});

describe('localDate', () => {
  it.each([
    ['2026-06-02T23:30:00Z', '2026-06-03', 'late evening UTC in summer is the next day in London'],
    ['2026-01-15T23:30:00Z', '2026-01-15', 'the same day in winter'],
    ['2026-03-29T00:30:00Z', '2026-03-29', 'just before the clocks go forward'],
  ])('%s → %s (%s)', (at, expected) => {
    expect(london.localDate(new Date(at))).toBe(expected);
  });

  it('moves on at local midnight when asked again and again (the day is remembered), across clock changes', () => {
    const cal = calendar({});
    const sequence: Array<[string, string]> = [
      ['2026-03-28T12:00:00Z', '2026-03-28'],
      ['2026-03-28T23:59:59.999Z', '2026-03-28'],
      ['2026-03-29T00:00:00Z', '2026-03-29'],
      // 23:00 BST is still the 29th; 23:00Z is midnight BST, so the 30th.
      ['2026-03-29T22:59:59.999Z', '2026-03-29'],
      ['2026-03-29T23:00:00Z', '2026-03-30'],
      ['2026-03-29T12:00:00Z', '2026-03-29'],
      ['2026-10-24T22:59:59.999Z', '2026-10-24'],
      ['2026-10-24T23:00:00Z', '2026-10-25'],
      // The 25th is 25 hours long in London: it ends at midnight GMT.
      ['2026-10-25T23:59:59.999Z', '2026-10-25'],
      ['2026-10-26T00:00:00Z', '2026-10-26'],
    ];
    for (const [at, expected] of sequence) expect([at, cal.localDate(new Date(at))]).toEqual([at, expected]);
    expect(() => cal.localDate(new Date(Number.NaN))).toThrow();
  });
});

describe('calendar rules validation', () => {
  it.each([
    [{ timeZone: 'Europe/Londn' }, 'invalid time zone "Europe/Londn"'],
    [{ workingHours: { start: '9am', end: '17:00' } }, 'invalid working hours start "9am"'],
    [{ workingHours: { start: '09:00', end: '24:00' } }, 'invalid working hours end "24:00"'],
    [{ workingHours: { start: '17:00', end: '09:00' } }, 'the end must be later than the start'],
    [{ closureDays: ['2026-02-30'] }, 'invalid closure day: invalid date "2026-02-30"'],
  ])('rejects %j', (overrides, message) => {
    expect(() => calendar(overrides)).toThrow(message);
  });
});

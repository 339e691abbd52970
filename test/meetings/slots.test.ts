import { WorkingCalendar } from '../../core/calendar';
import {
  bestSlots,
  blockingAttendees,
  candidateSlots,
  freeSlots,
  yearOfSlots,
} from '../../core/meetings/slots';

const calendar = WorkingCalendar.forPartnership({
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
});
const rules = {
  calendar,
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
  stepMinutes: 30,
};
const at = (iso: string) => new Date(iso);
// Easter 2027: Good Friday 26 March and Easter Monday 29 March; the clocks go forward on Sunday 28 March.
const window = { start: at('2027-03-25T00:00:00Z'), end: at('2027-04-01T00:00:00Z') };

describe('slot computation in Europe/London', () => {
  it('walks working hours on working days only, in local time across the clock change', () => {
    const slots = candidateSlots(rules, window, 60);
    const days = [...new Set(slots.map((s) => s.start.toISOString().slice(0, 10)))];
    expect(days).toEqual(['2027-03-25', '2027-03-30', '2027-03-31']);
    // 09:00 GMT is 09:00Z before the change, 09:00 BST is 08:00Z after it.
    expect(slots[0]!.start.toISOString()).toBe('2027-03-25T09:00:00.000Z');
    const tuesday = slots.filter((s) => s.start.toISOString().startsWith('2027-03-30'));
    expect(tuesday[0]!.start.toISOString()).toBe('2027-03-30T08:00:00.000Z');
    expect(tuesday.at(-1)!.end.toISOString()).toBe('2027-03-30T16:00:00.000Z');
    expect(tuesday).toHaveLength(15);
  });

  it('needs every required attendee free (busy, out of office and tentative block; working elsewhere does not)', () => {
    const candidates = candidateSlots(rules, window, 60);
    const free = freeSlots(candidates, [
      {
        personId: 'a',
        required: true,
        blocks: [{ status: 'busy', start: at('2027-03-25T00:00:00Z'), end: at('2027-03-26T00:00:00Z') }],
      },
      {
        personId: 'b',
        required: true,
        blocks: [{ status: 'oof', start: at('2027-03-29T23:00:00Z'), end: at('2027-03-30T23:00:00Z') }],
      },
      {
        personId: 'c',
        required: true,
        blocks: [
          { status: 'tentative', start: at('2027-03-31T08:00:00Z'), end: at('2027-03-31T09:00:00Z') },
          { status: 'workingElsewhere', start: at('2027-03-31T09:00:00Z'), end: at('2027-03-31T16:00:00Z') },
        ],
      },
      {
        personId: 'o',
        required: false,
        blocks: [{ status: 'busy', start: at('2027-03-31T09:00:00Z'), end: at('2027-03-31T10:00:00Z') }],
      },
    ]);
    expect(free[0]!.start.toISOString()).toBe('2027-03-31T09:00:00.000Z');
    expect(free[0]!.optionalFree).toEqual([]);
    const best = bestSlots(free, 'Europe/London');
    expect(best.map((s) => s.start.toISOString())).toEqual([
      '2027-03-31T10:00:00.000Z',
      '2027-03-31T10:30:00.000Z',
      '2027-03-31T11:00:00.000Z',
    ]);
    expect(best[0]!.optionalFree).toEqual(['o']);
  });

  it('spreads the three offers over different days when it can', () => {
    const candidates = candidateSlots(rules, window, 120);
    const best = bestSlots(freeSlots(candidates, []), 'Europe/London');
    expect(best.map((s) => s.start.toISOString().slice(0, 10))).toEqual([
      '2027-03-25',
      '2027-03-30',
      '2027-03-31',
    ]);
  });

  it('names the required attendee whose move to optional would open slots', () => {
    const candidates = candidateSlots(rules, window, 60);
    const allWeek = [{ status: 'busy' as const, start: window.start, end: window.end }];
    expect(
      blockingAttendees(candidates, [
        { personId: 'free', required: true, blocks: [] },
        { personId: 'away', required: true, blocks: allWeek },
      ]),
    ).toEqual([{ personId: 'away', slots: candidates.length }]);
  });

  it('proposes a year of meetings, one in each period', () => {
    const year = yearOfSlots(rules, at('2027-01-04T09:00:00Z'), 4, 120, []);
    expect(year.map((s) => s!.start.toISOString())).toEqual([
      '2027-01-04T09:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
      '2027-07-05T08:00:00.000Z',
      '2027-10-04T08:00:00.000Z',
    ]);
  });
});

import { loadPartnershipFile } from '../../config/partnership/load';
import { WorkingCalendar } from '../../core/calendar';
import { generateSessions } from '../../core/forum/schedule';
import { planSessionsFromTerms } from '../../core/forum/term-sessions';
import { servicesFrom } from '../../core/services/from-runtime';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

const wakefield = loadPartnershipFile('wakefield');
const calendar = WorkingCalendar.forPartnership(wakefield);

describe('forum sessions from term dates', () => {
  it('plans two sessions a term for a half-termly forum, on the middle working day of each half', () => {
    const plan = planSessionsFromTerms(wakefield.forum!, calendar);
    expect(plan.map((p) => [p.reference, p.halfTerm])).toEqual([
      // Autumn: 78 working days from 2 Sep to 18 Dec; the 20th is 29 Sep and the 59th is 23 Nov.
      ['FORUM-2026-09-29', 'Autumn 2026, first half'],
      ['FORUM-2026-11-23', 'Autumn 2026, second half'],
      ['FORUM-2027-01-25', 'Spring 2027, first half'],
      ['FORUM-2027-03-05', 'Spring 2027, second half'],
      ['FORUM-2027-05-06', 'Summer 2027, first half'],
      ['FORUM-2027-06-28', 'Summer 2027, second half'],
    ]);
    expect(plan.every((p) => calendar.isWorkingDay(p.date))).toBe(true);
    expect(plan[0]!.title).toBe('Designated Safeguarding Lead Forum: Autumn 2026, first half');
  });

  it('splits a term at its half-term break when the file gives one, and skips bank holidays', () => {
    const forum = {
      ...wakefield.forum!,
      terms: [
        {
          name: 'Summer 2027',
          start: '2027-04-12',
          end: '2027-07-21',
          halfTermBreak: { start: '2027-05-31', end: '2027-06-04' },
        },
      ],
    };
    const plan = planSessionsFromTerms(forum, calendar);
    // 12 Apr to 28 May has 34 working days (3 May is a bank holiday): the 17th is 5 May.
    // 7 Jun to 21 Jul has 33 working days: the 17th is 29 Jun.
    expect(plan.map((p) => p.date)).toEqual(['2027-05-05', '2027-06-29']);
  });

  it('plans one a term, or one a year, for the other cadences', () => {
    expect(
      planSessionsFromTerms({ ...wakefield.forum!, cadence: 'termly' }, calendar).map((p) => p.date),
    ).toEqual(['2026-10-26', '2027-02-12', '2027-06-02']); // Autumn: the 39th of 78 working days
    expect(planSessionsFromTerms({ ...wakefield.forum!, cadence: 'annual' }, calendar)).toHaveLength(1);
  });

  describe('stored', () => {
    let t: TestRuntime;
    let queues: Queues;
    beforeAll(async () => {
      t = await openTestRuntime();
      queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    });
    afterAll(async () => {
      await queues.close();
      await t.close();
    });

    it('adds the year once, audited, and refuses anyone but the advisor and business unit', async () => {
      const s = servicesFrom(t.rt, queues);
      const first = await generateSessions(s, t.rt.directory.person('education-advisor')!);
      expect(first.added).toHaveLength(6);
      const again = await generateSessions(s, t.rt.directory.person('bu-coordinator')!);
      expect(again.added).toEqual([]);
      expect(again.all).toHaveLength(6);
      await expect(generateSessions(s, t.rt.directory.person('dsl-primary-1')!)).rejects.toThrow(
        'Only the Safeguarding Education Advisor or the business unit can run the DSL forum.',
      );
      const audit = await t.rt.database.db
        .selectFrom('audit_log')
        .select('actor')
        .where('action', '=', 'forum.scheduled')
        .execute();
      expect(audit).toHaveLength(6);
    });
  });
});

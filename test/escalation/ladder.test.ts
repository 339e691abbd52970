import { createAction } from '../../core/tracked-actions/create';
import { runEscalationSweep } from '../../core/escalation/sweep';
import { ladderSteps } from '../../core/escalation/plan';
import { AppError } from '../../core/errors';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { insertActions, london, servicesAt, stepEvents } from './helpers';

describe('the escalation ladder on real PostgreSQL and Redis', () => {
  let t: TestRuntime;
  let queues: Queues;
  const clock = { now: london('2026-08-20T10:00:00') };
  const s = () => servicesAt(t.rt, queues, clock);
  const manager = () => t.rt.directory.person('bu-manager')!;

  beforeAll(async () => {
    t = await openTestRuntime();
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  it('plans reminders and rungs on working mornings, skipping the August bank holiday', () => {
    const steps = ladderSteps(t.rt.partnership, t.rt.calendar, '2026-08-28');
    expect(steps.map((st) => [st.key, st.audience, st.at.toISOString()])).toEqual([
      ['remind-3', 'owner', '2026-08-25T08:00:00.000Z'],
      ['remind-1', 'owner', '2026-08-27T08:00:00.000Z'],
      // Friday 28th is due; Monday 31st is a bank holiday: overdue from Tuesday 1 September.
      ['ladder-0', 'owner', '2026-09-01T08:00:00.000Z'],
      ['ladder-1', 'subgroup-chair', '2026-09-03T08:00:00.000Z'],
      ['ladder-2', 'business-unit-manager', '2026-09-07T08:00:00.000Z'],
      ['ladder-3', 'executive', '2026-09-14T08:00:00.000Z'],
    ]);
  });

  it('takes each step once, only when due, and waits through the bank holiday for the next working morning', async () => {
    clock.now = london('2026-08-20T10:00:00');
    const { actionId } = await createAction(
      s(),
      {
        title: 'Refresh the neglect toolkit',
        subgroupId: 'SEG',
        ownerId: 'designated-nurse',
        dueDate: '2026-08-28',
      },
      { person: manager() },
    );
    const sweepAt = async (local: string) => {
      clock.now = london(local);
      return runEscalationSweep(s());
    };
    expect((await sweepAt('2026-08-24T16:59:00')).fired).toBe(0);
    expect((await sweepAt('2026-08-25T09:00:00')).fired).toBe(1);
    expect((await sweepAt('2026-08-25T09:05:00')).fired).toBe(0);
    expect((await sweepAt('2026-08-27T11:00:00')).fired).toBe(1);
    // Friday (due), Saturday, and the bank holiday Monday: nothing.
    for (const at of ['2026-08-28T16:00:00', '2026-08-29T10:00:00', '2026-08-31T10:00:00'])
      expect((await sweepAt(at)).fired).toBe(0);
    const chase = await sweepAt('2026-09-01T09:00:00');
    expect(chase.fired).toBe(1);

    const steps = await stepEvents(t.rt.database.db, [actionId]);
    expect(steps.map((e) => [e.step_key, e.kind, e.notified])).toEqual([
      ['1:remind-3', 'step', ['designated-nurse']],
      ['1:remind-1', 'step', ['designated-nurse']],
      ['1:ladder-0', 'step', ['designated-nurse']],
    ]);
    const messages = await t.rt.database.db
      .selectFrom('messages')
      .select(['kind', 'subject'])
      .where(
        'id',
        'in',
        steps.map((e) => e.message_id!),
      )
      .execute();
    expect(messages.map((m) => m.kind)).toEqual(['action', 'action', 'action']);
    // Subjects carry no action title (free text): a partnership name or case reference only.
    for (const m of messages) expect(m.subject).not.toMatch(/neglect/i);
    const row = await t.rt.database.db
      .selectFrom('tracked_actions')
      .select(['next_step', 'next_step_at'])
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ next_step: 'ladder-1', next_step_at: new Date('2026-09-03T08:00:00.000Z') });
  });

  it('holds a step that falls due on a Saturday until the next working morning (past a bank holiday Monday)', async () => {
    const [id] = await insertActions(t.rt.database.db, 1, {
      dueDate: '2026-08-26',
      nextStep: 'ladder-1',
      at: london('2026-08-29T10:00:00'),
    });
    clock.now = london('2026-08-29T10:05:00');
    const saturday = await runEscalationSweep(s());
    expect(saturday).toMatchObject({ fired: 0, deferred: 1 });
    const held = await t.rt.database.db
      .selectFrom('tracked_actions')
      .select('next_step_at')
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(held.next_step_at).toEqual(new Date('2026-09-01T08:00:00.000Z'));
    clock.now = london('2026-08-31T12:00:00');
    expect((await runEscalationSweep(s())).fired).toBe(0);
    clock.now = london('2026-09-01T09:00:00');
    // The chair rung (SEG: the scrutineer) fires; later rungs are not due yet.
    const tuesday = await runEscalationSweep(s());
    expect(tuesday.fired).toBeGreaterThanOrEqual(1);
    const steps = await stepEvents(t.rt.database.db, [id!]);
    expect(steps.map((e) => [e.step_key, e.detail, e.notified])).toEqual([
      ['1:ladder-1', 'subgroup-chair', ['scrutineer']],
    ]);
  });

  it('moves past a rung whose person is the owner, straight to the next one', async () => {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    // The scrutineer chairs SEG and owns this action: the chair rung is skipped, the manager hears at once.
    const { actionId } = await createAction(
      s(),
      {
        title: 'Audit of strategy meetings',
        subgroupId: 'SEG',
        ownerId: 'scrutineer',
        dueDate: '2026-03-06',
      },
      { person: manager() },
    );
    clock.now = london('2026-03-11T09:30:00', '+00:00');
    await runEscalationSweep(s());
    const steps = await stepEvents(t.rt.database.db, [actionId]);
    expect(steps.map((e) => [e.step_key, e.kind, e.detail, e.notified])).toEqual([
      ['1:remind-3', 'step-late', 'owner', []],
      ['1:remind-1', 'step-late', 'owner', []],
      ['1:ladder-0', 'step', 'owner', ['scrutineer']],
      ['1:ladder-1', 'step-skipped', 'subgroup-chair', []],
      ['1:ladder-2', 'step', 'business-unit-manager', ['bu-manager']],
    ]);
    const kinds = await t.rt.database.db
      .selectFrom('messages')
      .select('kind')
      .where(
        'id',
        'in',
        steps.filter((e) => e.message_id).map((e) => e.message_id!),
      )
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['action', 'action-escalation']);
  });

  it('keeps an action on the ladder when the partnership file changed its steps after the next one was stored', async () => {
    // Stored under an older file that reminded 5 working days ahead (Friday 21 August for a 28 August
    // due date); this file reminds at 3 and 1.
    const [actionId] = await insertActions(t.rt.database.db, 1, {
      dueDate: '2026-08-28',
      nextStep: 'remind-5',
      at: new Date('2026-08-21T08:00:00.000Z'),
    });
    clock.now = london('2026-08-21T10:00:00');
    await runEscalationSweep(s());
    expect(await stepEvents(t.rt.database.db, [actionId!])).toEqual([]);
    const row = () =>
      t.rt.database.db
        .selectFrom('tracked_actions')
        .select(['next_step', 'next_step_at'])
        .where('id', '=', actionId!)
        .executeTakeFirstOrThrow();
    expect(await row()).toEqual({
      next_step: 'remind-3',
      next_step_at: new Date('2026-08-25T08:00:00.000Z'),
    });
    clock.now = london('2026-08-25T09:00:00');
    await runEscalationSweep(s());
    expect((await stepEvents(t.rt.database.db, [actionId!])).map((e) => e.step_key)).toEqual(['1:remind-3']);
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    clock.now = london('2026-08-20T10:00:00');
    const before = await t.rt.database.db.selectFrom('tracked_actions').select('id').execute();
    const attempt = (over: Record<string, string>, person = manager()) =>
      createAction(
        s(),
        { title: 'x', subgroupId: 'SEG', ownerId: 'designated-nurse', dueDate: '2026-09-30', ...over },
        { person },
      );
    await expect(attempt({ dueDate: '2026-08-19' })).rejects.toThrow(/^dueDate: 2026-08-19 is in the past/);
    await expect(attempt({ ownerId: 'nobody' })).rejects.toThrow(
      /^ownerId: "nobody" is not in the directory/,
    );
    await expect(attempt({ subgroupId: 'LID' })).rejects.toThrow(/^subgroupId: "LID" is not a subgroup/);
    await expect(attempt({ dueDate: '2026-02-30' })).rejects.toThrow(/^dueDate: not a real calendar date/);
    // A practitioner who chairs nothing cannot create actions.
    await expect(attempt({}, t.rt.directory.person('sm-social-care')!)).rejects.toThrow(AppError);
    const after = await t.rt.database.db.selectFrom('tracked_actions').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

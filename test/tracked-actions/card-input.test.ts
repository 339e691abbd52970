import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { ACTION_VERBS } from '../../cards/tracked-action';
import { ESCALATION_VERBS } from '../../cards/escalation';
import { createAction } from '../../core/tracked-actions/create';
import { runEscalationSweep } from '../../core/escalation/sweep';
import { teamsCardAction } from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { london } from '../escalation/helpers';

describe('tracked-action cards refuse bad input naming the field, and change nothing', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const clock = { now: london('2026-03-02T10:00:00', '+00:00') };
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });
  const post = (activity: object) => request(bot.server).post('/api/messages').send(activity);
  const press = (personId: string, verb: string, data: Record<string, unknown>) =>
    post(teamsCardAction(connector.url, user(personId), { verb, data }));
  const db = () => t.rt.database.db;

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: presetWithObjectIds('wakefield') });
    t.rt.now = () => clock.now;
    bot = await startBot(t.rt);
  });
  afterAll(async () => {
    await bot.close();
    await t.close();
    await connector.stop();
  });

  /** An ILD action three working days overdue: its chairs have the escalation card. */
  async function escalated(title: string): Promise<{ actionId: string; messageId: string }> {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    const { actionId } = await createAction(
      bot.services,
      { title, subgroupId: 'ILD', ownerId: 'ld-officer', dueDate: '2026-03-06' },
      { person: t.rt.directory.person('bu-manager')! },
    );
    clock.now = london('2026-03-11T09:15:00', '+00:00');
    await runEscalationSweep(bot.services);
    const step = await db()
      .selectFrom('action_events')
      .select('message_id')
      .where('action_id', '=', actionId)
      .where('step_key', '=', '1:ladder-1')
      .executeTakeFirstOrThrow();
    return { actionId, messageId: step.message_id! };
  }

  const actionCount = async () =>
    Number(
      (await db().selectFrom('tracked_actions').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow())
        .n,
    );
  const eventsOf = (actionId: string) =>
    db().selectFrom('action_events').select(['kind', 'detail']).where('action_id', '=', actionId).execute();

  it('refuses an impossible due date on the new-action form', async () => {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    const before = await actionCount();
    for (const dueDate of ['2026-13-01', '2026-02-30', '2026-04-31']) {
      const res = await press('bu-manager', ACTION_VERBS.create, {
        title: 'Audit of strategy discussions',
        subgroupId: 'ILD',
        ownerId: 'ld-officer',
        dueDate,
      });
      expect(res.body).toMatchObject({
        statusCode: 400,
        value: { message: 'dueDate: not a real calendar date' },
      });
    }
    expect(await actionCount()).toBe(before);
  });

  it('names the form when the new-action form sends no fields', async () => {
    const before = await actionCount();
    const activity = teamsCardAction(connector.url, user('bu-manager'), { verb: ACTION_VERBS.create });
    const res = await post({
      ...activity,
      value: { ...activity.value, action: { ...activity.value.action, data: ['title'] } },
    });
    expect(res.body).toMatchObject({
      statusCode: 400,
      value: { message: 'New action form: expected the fields of the form.' },
    });
    expect(await actionCount()).toBe(before);
  });

  it('refuses an impossible date when extending, and keeps the due date', async () => {
    const { actionId, messageId } = await escalated('Neglect masterclass');
    const before = await eventsOf(actionId);
    for (const dueDate of ['2026-13-01', '2026-02-30']) {
      const res = await press('qpd-officer', ESCALATION_VERBS.extend, {
        actionId,
        messageId,
        dueDate,
        reason: 'Trainer unavailable',
      });
      expect(res.body).toMatchObject({
        statusCode: 400,
        value: { message: 'dueDate: not a real calendar date' },
      });
    }
    const row = await db()
      .selectFrom('tracked_actions')
      .select(['due_date', 'ladder_cycle'])
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ due_date: '2026-03-06', ladder_cycle: 1 });
    expect(await eventsOf(actionId)).toEqual(before);
  });

  it("refuses a change whose card is another action's, without changing either", async () => {
    const mine = await escalated('Threshold guidance refresh');
    const other = await escalated('Private fostering awareness');
    const before = { mine: await eventsOf(mine.actionId), other: await eventsOf(other.actionId) };
    const res = await press('designated-nurse', ESCALATION_VERBS.chase, {
      actionId: mine.actionId,
      messageId: other.messageId,
    });
    expect(res.body).toMatchObject({
      statusCode: 403,
      value: { message: 'This card is for a different action.' },
    });
    expect({ mine: await eventsOf(mine.actionId), other: await eventsOf(other.actionId) }).toEqual(before);
    const own = await press('designated-nurse', ESCALATION_VERBS.chase, {
      actionId: mine.actionId,
      messageId: mine.messageId,
    });
    expect(own.body.statusCode).toBe(200);
  });

  const refusal = (field: string, found: string) => ({
    statusCode: 400,
    value: {
      message: expect.stringMatching(new RegExp(`^${field}: this looks like it contains ${found}\\.`)),
    },
  });
  const snapshot = async () => ({
    actions: await db().selectFrom('tracked_actions').selectAll().orderBy('id').execute(),
    events: await db().selectFrom('action_events').selectAll().orderBy('id').execute(),
    audit: await db().selectFrom('audit_log').selectAll().orderBy('id').execute(),
    messages: await db().selectFrom('messages').select('id').orderBy('id').execute(),
  });

  it('refuses a new action whose title or description carries a date of birth or a postcode', async () => {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    const before = await snapshot();
    const form = { subgroupId: 'ILD', ownerId: 'ld-officer', dueDate: '2026-03-20' };
    const title = await press('bu-manager', ACTION_VERBS.create, {
      ...form,
      title: 'Follow up DOB 03/04/2019, WF1 2AB',
    });
    expect(title.body).toMatchObject(refusal('title', 'a date of birth'));
    const description = await press('bu-manager', ACTION_VERBS.create, {
      ...form,
      title: 'Follow up RR-2026-014',
      description: 'Visit the family at WF1 2AB',
    });
    expect(description.body).toMatchObject(refusal('description', 'a postcode'));
    await expect(
      createAction(
        bot.services,
        { ...form, title: 'Check records for NHS 943 476 5919' },
        { person: t.rt.directory.person('bu-manager')! },
      ),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^title: .*NHS or phone number/),
    });
    expect(await snapshot()).toEqual(before);

    const ok = await press('bu-manager', ACTION_VERBS.create, { ...form, title: 'Follow up RR-2026-014' });
    expect(ok.body.statusCode).toBe(200);
  });

  it('refuses a progress note, completion evidence or extension reason that carries one, and keeps the action', async () => {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    const { actionId, messageId } = await createAction(
      bot.services,
      { title: 'Neglect toolkit refresh', subgroupId: 'ILD', ownerId: 'ld-officer', dueDate: '2026-03-06' },
      { person: t.rt.directory.person('bu-manager')! },
    );
    const before = await snapshot();
    const note = await press('ld-officer', ACTION_VERBS.progress, {
      actionId,
      messageId,
      note: 'Spoke to mum, NHS 943 476 5919',
      status: 'in-progress',
    });
    expect(note.body).toMatchObject(refusal('note', 'an NHS or phone number'));
    const evidence = await press('ld-officer', ACTION_VERBS.complete, {
      actionId,
      messageId,
      evidence: 'Child born on 3 April 2019 seen at school',
    });
    expect(evidence.body).toMatchObject(refusal('evidence', 'a date of birth'));
    const reason = await press('qpd-officer', ESCALATION_VERBS.extend, {
      actionId,
      messageId,
      dueDate: '2026-03-20',
      reason: 'Family moved to LS6 2AB',
    });
    expect(reason.body).toMatchObject(refusal('reason', 'a postcode'));
    expect(await snapshot()).toEqual(before);

    const saved = await press('ld-officer', ACTION_VERBS.progress, {
      actionId,
      messageId,
      note: 'Draft toolkit shared with the subgroup',
      status: 'in-progress',
    });
    expect(saved.body.statusCode).toBe(200);
  });
});

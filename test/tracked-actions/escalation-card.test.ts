import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { ACTION_VERBS } from '../../cards/tracked-action';
import { ESCALATION_VERBS } from '../../cards/escalation';
import { createAction } from '../../core/tracked-actions/create';
import { runEscalationSweep } from '../../core/escalation/sweep';
import { stalePendingDeliveries } from '../../core/delivery/delivery-store';
import { teamsCardAction, teamsMessage } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { london } from '../escalation/helpers';

describe('the escalation card: a chair acts in one click, through the bot', () => {
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

  /** An ILD action owned by the L&D officer, three working days overdue: its chairs have the escalation card. */
  async function escalated(): Promise<{ actionId: string; messageId: string }> {
    clock.now = london('2026-03-02T10:00:00', '+00:00');
    const { actionId } = await createAction(
      bot.services,
      { title: 'Neglect masterclass', subgroupId: 'ILD', ownerId: 'ld-officer', dueDate: '2026-03-06' },
      { person: t.rt.directory.person('bu-manager')! },
    );
    clock.now = london('2026-03-11T09:15:00', '+00:00');
    await runEscalationSweep(bot.services);
    const step = await db()
      .selectFrom('action_events')
      .select(['message_id', 'notified'])
      .where('action_id', '=', actionId)
      .where('step_key', '=', '1:ladder-1')
      .executeTakeFirstOrThrow();
    expect(step.notified.sort()).toEqual(['designated-nurse', 'hos-quality-learning', 'qpd-officer']);
    return { actionId, messageId: step.message_id! };
  }

  it('stamps the escalation deliveries by the real clock, so the delivery sweep does not take them as lost', async () => {
    // The business clock is months from the real one here, as in local mode with CLOCK_START.
    const before = Date.now();
    const { messageId } = await escalated();
    const rows = await db()
      .selectFrom('deliveries')
      .select(['updated_at', 'status'])
      .where('message_id', '=', messageId)
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.updated_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(r.updated_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const stale = await stalePendingDeliveries(db(), 'wakefield', 2 * 60 * 1000, 500);
    expect(stale.filter((d) => d.messageId === messageId)).toEqual([]);
  });

  it('shows the chair days overdue and the history, with the five choices', async () => {
    const { actionId, messageId } = await escalated();
    const res = await press('designated-nurse', 'card.refresh', { messageId });
    expect(res.body.statusCode).toBe(200);
    const card = res.body.value;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"Working days overdue","value":"3"');
    expect(text).toContain('Owner chased (overdue)');
    for (const verb of Object.values(ESCALATION_VERBS)) expect(text).toContain(verb);
    // A practitioner outside ILD sees the card without the buttons, and cannot act.
    const other = JSON.stringify((await press('sm-social-care', 'card.refresh', { messageId })).body.value);
    expect(other).not.toContain(ESCALATION_VERBS.extend);
    const refused = await press('sm-social-care', ESCALATION_VERBS.chase, { actionId, messageId });
    expect(refused.body).toMatchObject({ statusCode: 403 });
  });

  it('extends the due date with a reason: audited, a new ladder cycle, and every copy of the card updated', async () => {
    const { actionId, messageId } = await escalated();
    const past = await press('qpd-officer', ESCALATION_VERBS.extend, {
      actionId,
      messageId,
      dueDate: '2026-03-10',
      reason: 'x',
    });
    expect(past.body.statusCode).toBe(400);
    expect(past.body.value.message).toMatch(/^dueDate: 2026-03-10 is not in the future/);
    const noReason = await press('qpd-officer', ESCALATION_VERBS.extend, {
      actionId,
      messageId,
      dueDate: '2026-04-17',
    });
    expect(noReason.body.value.message).toMatch(/^reason: /);
    const before = await db()
      .selectFrom('tracked_actions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(before.due_date).toBe('2026-03-06');

    // The three chairs have the card in Teams (as the deliver job records it).
    await db()
      .updateTable('deliveries')
      .set({ status: 'delivered', channel: 'teams', activity_id: 'activity-1', conversation_id: 'a:x' })
      .where('message_id', '=', messageId)
      .execute();
    const ok = await press('qpd-officer', ESCALATION_VERBS.extend, {
      actionId,
      messageId,
      dueDate: '2026-04-17',
      reason: 'Trainer unavailable until April',
    });
    expect(ok.body.statusCode).toBe(200);
    expect(JSON.stringify(ok.body.value)).toContain('Due date extended to 17 Apr 2026');
    const after = await db()
      .selectFrom('tracked_actions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ due_date: '2026-04-17', ladder_cycle: 2, next_step: 'remind-3' });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('subject_id', '=', actionId)
      .where('action', '=', 'action.extended')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: 'qpd-officer', details: { from: '2026-03-06', to: '2026-04-17' } });
    // Every chair's copy of the card is rewritten through the update-card job.
    const jobs = await bot.services.queues.queue('delivery').getJobs(['delayed', 'waiting']);
    const updates = jobs.filter((j) => j.name === 'update-card' && j.data.messageId === messageId);
    expect(updates.map((j) => j.data.personId).sort()).toEqual([
      'designated-nurse',
      'hos-quality-learning',
      'qpd-officer',
    ]);
  });

  it('reassigns to a member, chases, escalates now, then marks complete; a closed action refuses more', async () => {
    const { actionId, messageId } = await escalated();
    const notMember = await press('designated-nurse', ESCALATION_VERBS.reassign, {
      actionId,
      messageId,
      ownerId: 'probation-spo',
    });
    expect(notMember.body.value.message).toMatch(/^ownerId: "probation-spo" is not a member of ILD/);
    const reassigned = await press('designated-nurse', ESCALATION_VERBS.reassign, {
      actionId,
      messageId,
      ownerId: 'di-safeguarding',
    });
    expect(reassigned.body.statusCode).toBe(200);
    expect(
      (
        await db()
          .selectFrom('tracked_actions')
          .select('owner_id')
          .where('id', '=', actionId)
          .executeTakeFirstOrThrow()
      ).owner_id,
    ).toBe('di-safeguarding');

    expect(
      (await press('designated-nurse', ESCALATION_VERBS.chase, { actionId, messageId })).body.statusCode,
    ).toBe(200);
    const escalate = await press('designated-nurse', ESCALATION_VERBS.escalate, { actionId, messageId });
    expect(escalate.body.statusCode).toBe(200);
    const kinds = await db()
      .selectFrom('action_events')
      .select(['kind', 'detail', 'notified'])
      .where('action_id', '=', actionId)
      .orderBy('id')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['reassigned', 'chased', 'escalated']));
    expect(kinds.find((k) => k.kind === 'escalated')).toMatchObject({
      detail: 'business-unit-manager',
      notified: ['bu-manager'],
    });
    const messages = await db()
      .selectFrom('action_events')
      .innerJoin('messages', 'messages.id', 'action_events.message_id')
      .select(['action_events.kind', 'messages.kind as messageKind'])
      .where('action_events.action_id', '=', actionId)
      .execute();
    expect(messages).toEqual(
      expect.arrayContaining([
        { kind: 'reassigned', messageKind: 'action' },
        { kind: 'chased', messageKind: 'action' },
        { kind: 'escalated', messageKind: 'action-escalation' },
      ]),
    );

    const noEvidence = await press('designated-nurse', ESCALATION_VERBS.complete, {
      actionId,
      messageId,
      evidence: '',
    });
    expect(noEvidence.body.value.message).toMatch(/^evidence: /);
    const done = await press('designated-nurse', ESCALATION_VERBS.complete, {
      actionId,
      messageId,
      evidence: 'Masterclass delivered to 40 practitioners',
    });
    expect(done.body.statusCode).toBe(200);
    expect(JSON.stringify(done.body.value)).not.toContain(ESCALATION_VERBS.extend);
    const closed = await db()
      .selectFrom('tracked_actions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: 'done', next_step: null, next_step_at: null });
    const again = await press('designated-nurse', ESCALATION_VERBS.chase, { actionId, messageId });
    expect(again.body).toMatchObject({ statusCode: 409 });
    expect(again.body.value.message).toMatch(/^status: this action is already closed/);
  });

  it('lets the owner record progress from their card, and lists actions by command', async () => {
    const { actionId } = await escalated();
    const ownerMessage = await db()
      .selectFrom('action_events')
      .select('message_id')
      .where('action_id', '=', actionId)
      .where('step_key', '=', '1:ladder-0')
      .executeTakeFirstOrThrow();
    const res = await press('ld-officer', ACTION_VERBS.progress, {
      actionId,
      messageId: ownerMessage.message_id,
      note: 'Venue booked',
      status: 'in-progress',
    });
    expect(res.body.statusCode).toBe(200);
    expect(adaptiveCardProblems(res.body.value)).toEqual([]);
    expect(JSON.stringify(res.body.value)).toContain('Latest progress: Venue booked');
    const row = await db()
      .selectFrom('tracked_actions')
      .select('status')
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('in-progress');

    connector.calls.splice(0);
    await post(teamsMessage(connector.url, user('ld-officer'), 'my actions')).expect(200);
    await post(teamsMessage(connector.url, user('designated-nurse'), 'actions ILD')).expect(200);
    await post(teamsMessage(connector.url, user('sm-social-care'), 'actions ILD')).expect(200);
    const [mine, ild, refused] = await connector.waitForCalls(3);
    expect(JSON.stringify(mine!.body)).toContain('Neglect masterclass');
    expect(JSON.stringify(ild!.body)).toContain('Open actions of ILD');
    expect(JSON.stringify(refused!.body)).toContain("Only ILD's chairs and members");
  });
});

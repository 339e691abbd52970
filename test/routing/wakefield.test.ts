import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { RECOMMENDATION_VERBS } from '../../cards/recommendation';
import { submitRecommendation } from '../../core/recommendations/submit';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { teamsCardAction, teamsInstall, teamsMessage } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

describe('recommendation routing in Wakefield, through the workers and a fake Bot Connector', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let w: WorkerProcess;
  const connector = new FakeConnector();
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });
  const post = (activity: object) => request(bot.server).post('/api/messages').send(activity);
  const db = () => t.rt.database.db;

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: presetWithObjectIds('wakefield') });
    bot = await startBot(t.rt);
    w = await startWorkerProcess(t.rt);
    // The chairs have the app installed, so their cards arrive in Teams.
    for (const chair of ['hos-quality-learning', 'designated-nurse', 'qpd-officer', 'scrutineer'])
      await post(teamsInstall(connector.url, user(chair))).expect(200);
  });
  afterAll(async () => {
    await w.close();
    await bot.close();
    await t.close();
    await connector.stop();
  });

  async function routed(category: string, caseReference = 'RR-2026-014') {
    const { recommendationId } = await submitRecommendation(bot.services, {
      source: 'rapid-review',
      caseReference,
      category,
      text: `A ${category} recommendation`,
      createdBy: 'bu-manager',
    });
    return waitUntil(
      () =>
        db()
          .selectFrom('recommendations')
          .selectAll()
          .where('id', '=', recommendationId)
          .executeTakeFirstOrThrow(),
      (r) => r.stage === 'routed' && r.message_id !== null,
    );
  }

  it('routes assurance to CSPRG, workforce development to ILD and systems and procedures to SEG', async () => {
    const expected: Record<string, string> = {
      assurance: 'CSPRG',
      'workforce-development': 'ILD',
      'systems-and-procedures': 'SEG',
      exploitation: 'MACE',
    };
    for (const [category, subgroup] of Object.entries(expected)) {
      const rec = await routed(category);
      expect(rec.subgroup_id).toBe(subgroup);
      const action = await db()
        .selectFrom('tracked_actions')
        .selectAll()
        .where('id', '=', rec.action_id!)
        .executeTakeFirstOrThrow();
      expect(action).toMatchObject({
        subgroup_id: subgroup,
        owner_id: t.rt.partnership.subgroups.find((g) => g.id === subgroup)!.chairs[0],
        source: 'recommendation',
        source_id: rec.id,
        status: 'open',
      });
      const recipients = await db()
        .selectFrom('deliveries')
        .select('person_id')
        .where('message_id', '=', rec.message_id!)
        .execute();
      expect(recipients.map((r) => r.person_id).sort()).toEqual(
        [...t.rt.partnership.subgroups.find((g) => g.id === subgroup)!.chairs].sort(),
      );
    }
    // ILD's co-chairs got the card in Teams: it carries the case reference, never the child.
    const cardCall = await waitUntil(
      async () =>
        connector.calls.find(
          (c) =>
            c.conversationId === 'a:29:qpd-officer' &&
            JSON.stringify(c.body).includes(RECOMMENDATION_VERBS.accept),
        ),
      (c) => c !== undefined,
    );
    const card = JSON.stringify(cardCall!.body);
    expect(card).toContain('RR-2026-014');
    const attachment = (cardCall!.body.attachments as Array<{ content: unknown }>)[0]!.content;
    expect(adaptiveCardProblems(attachment)).toEqual([]);
  });

  it('lets the chair accept (audited), and refuses someone outside the subgroup', async () => {
    const rec = await routed('workforce-development', 'RR-2026-020');
    const data = { recommendationId: rec.id, messageId: rec.message_id };
    const stranger = await post(
      teamsCardAction(connector.url, user('sm-social-care'), { verb: RECOMMENDATION_VERBS.accept, data }),
    );
    expect(stranger.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    expect(stranger.body.value.message).toMatch(/^person: only the chairs of ILD/);

    const res = await post(
      teamsCardAction(connector.url, user('designated-nurse'), { verb: RECOMMENDATION_VERBS.accept, data }),
    );
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(adaptiveCardProblems(res.body.value)).toEqual([]);
    expect(JSON.stringify(res.body.value)).not.toContain(RECOMMENDATION_VERBS.accept);
    const after = await db()
      .selectFrom('recommendations')
      .select('stage')
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    expect(after.stage).toBe('accepted');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('subject_id', '=', rec.id)
      .where('action', '=', 'recommendation.accepted')
      .execute();
    expect(audit).toEqual([{ actor: 'designated-nurse', action: 'recommendation.accepted' }]);
    // Accepting twice is refused: it is no longer awaiting the chair.
    const again = await post(
      teamsCardAction(connector.url, user('designated-nurse'), { verb: RECOMMENDATION_VERBS.accept, data }),
    );
    expect(again.body).toMatchObject({ statusCode: 409 });
  });

  it('re-routes with a reason (audited): the action moves and the new chairs get the card', async () => {
    const rec = await routed('systems-and-procedures', 'RR-2026-021');
    const data = { recommendationId: rec.id, messageId: rec.message_id };
    const same = await post(
      teamsCardAction(connector.url, user('scrutineer'), {
        verb: RECOMMENDATION_VERBS.reroute,
        data: { ...data, subgroupId: 'SEG', reason: 'x' },
      }),
    );
    expect(same.body.statusCode).toBe(400);
    expect(same.body.value.message).toMatch(/^subgroupId: the recommendation is already with SEG/);
    const unknown = await post(
      teamsCardAction(connector.url, user('scrutineer'), {
        verb: RECOMMENDATION_VERBS.reroute,
        data: { ...data, subgroupId: 'LID', reason: 'x' },
      }),
    );
    expect(unknown.body.value.message).toMatch(/^subgroupId: "LID" is not a subgroup/);
    const noReason = await post(
      teamsCardAction(connector.url, user('scrutineer'), {
        verb: RECOMMENDATION_VERBS.reroute,
        data: { ...data, subgroupId: 'ILD', reason: ' ' },
      }),
    );
    expect(noReason.body.value.message).toMatch(/^reason: /);
    expect(
      (
        await db()
          .selectFrom('recommendations')
          .select('subgroup_id')
          .where('id', '=', rec.id)
          .executeTakeFirstOrThrow()
      ).subgroup_id,
    ).toBe('SEG');

    const res = await post(
      teamsCardAction(connector.url, user('scrutineer'), {
        verb: RECOMMENDATION_VERBS.reroute,
        data: { ...data, subgroupId: 'ILD', reason: 'This is a training need' },
      }),
    );
    expect(res.body.statusCode).toBe(200);
    const moved = await waitUntil(
      () => db().selectFrom('recommendations').selectAll().where('id', '=', rec.id).executeTakeFirstOrThrow(),
      (r) => r.message_id !== null && r.message_id !== rec.message_id,
    );
    expect(moved).toMatchObject({ subgroup_id: 'ILD', stage: 'routed' });
    const action = await db()
      .selectFrom('tracked_actions')
      .selectAll()
      .where('id', '=', rec.action_id!)
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({ subgroup_id: 'ILD', owner_id: 'hos-quality-learning' });
    const events = await db()
      .selectFrom('recommendation_events')
      .select(['kind', 'subgroup_id', 'text', 'actor'])
      .where('recommendation_id', '=', rec.id)
      .where('kind', '=', 'rerouted')
      .execute();
    expect(events).toEqual([
      { kind: 'rerouted', subgroup_id: 'ILD', text: 'This is a training need', actor: 'scrutineer' },
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['details'])
      .where('subject_id', '=', rec.id)
      .where('action', '=', 'recommendation.rerouted')
      .executeTakeFirstOrThrow();
    // The reason is free text: it is kept with the recommendation, not in the audit details.
    expect(audit.details).toEqual({ from: 'SEG', to: 'ILD' });
  });

  it('records a recommendation typed by hand and routes it', async () => {
    await post(teamsInstall(connector.url, user('bu-coordinator'))).expect(200);
    await post(
      teamsMessage(
        connector.url,
        user('bu-coordinator'),
        'recommend assurance RR-2026-030 Audit the strategy meetings',
      ),
    ).expect(200);
    const rec = await waitUntil(
      () =>
        db()
          .selectFrom('recommendations')
          .selectAll()
          .where('case_reference', '=', 'RR-2026-030')
          .executeTakeFirst(),
      (r) => r?.stage === 'routed',
    );
    expect(rec).toMatchObject({
      subgroup_id: 'CSPRG',
      source: 'manual',
      text: 'Audit the strategy meetings',
    });
    await post(teamsMessage(connector.url, user('bu-coordinator'), 'recommend astrology Something')).expect(
      200,
    );
    const replies = connector.calls.filter((c) => c.conversationId === 'a:29:bu-coordinator');
    expect(JSON.stringify(replies.at(-1)!.body)).toContain(
      'category: \\"astrology\\" is not a routing category',
    );
  });
});

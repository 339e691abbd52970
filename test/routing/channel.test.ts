import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { RECOMMENDATION_VERBS } from '../../cards/recommendation';
import { saveConversationReference } from '../../core/conversations/store';
import { submitRecommendation } from '../../core/recommendations/submit';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { teamsInstall } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { wakefieldWithSegChannel } from './seg-channel';

const SEG_CHANNEL = '19:seg-general@thread.tacv2';

describe('routing posts to a subgroup channel; chairs get cards that refresh by Teams user id', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let w: WorkerProcess;
  const connector = new FakeConnector();
  const db = () => t.rt.database.db;
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: wakefieldWithSegChannel(SEG_CHANNEL) });
    bot = await startBot(t.rt);
    w = await startWorkerProcess(t.rt);
    // The bot was added to SEG's team: the channel's conversation is stored (as the install in a team does).
    await saveConversationReference(db(), {
      partnershipId: 'wakefield',
      personId: null,
      reference: {
        bot: { id: '28:masa-bot' },
        conversation: {
          id: `${SEG_CHANNEL};messageid=1700000000000`,
          conversationType: 'channel',
          tenantId: 'tenant-1',
        },
        channelId: 'msteams',
        serviceUrl: connector.url,
      },
    });
    for (const chair of ['hos-quality-learning', 'designated-nurse', 'qpd-officer', 'scrutineer'])
      await request(bot.server)
        .post('/api/messages')
        .send(teamsInstall(connector.url, user(chair)))
        .expect(200);
  });
  afterAll(async () => {
    await w.close();
    await bot.close();
    await t.close();
    await connector.stop();
  });

  const submit = (category: string, caseReference: string) =>
    submitRecommendation(bot.services, {
      source: 'rapid-review',
      caseReference,
      category,
      text: `A ${category} recommendation`,
      createdBy: 'bu-manager',
    });

  it('posts the card to the subgroup channel, not to its chair', async () => {
    const { recommendationId } = await submit('systems-and-procedures', 'RR-2026-061');
    const rec = await waitUntil(
      () =>
        db()
          .selectFrom('recommendations')
          .selectAll()
          .where('id', '=', recommendationId)
          .executeTakeFirstOrThrow(),
      (r) => r.channel_activity_id !== null,
    );
    expect(rec).toMatchObject({
      subgroup_id: 'SEG',
      stage: 'routed',
      message_id: null,
      channel_conversation_id: `${SEG_CHANNEL};messageid=1700000000000`,
    });
    const posts = connector.calls.filter(
      (c) => c.method === 'POST' && c.conversationId.startsWith(SEG_CHANNEL),
    );
    expect(posts).toHaveLength(1);
    const card = (posts[0]!.body.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('RR-2026-061');
    expect(JSON.stringify(card)).toContain(RECOMMENDATION_VERBS.accept);
    // Nothing went to SEG's chair: no message, no delivery, nothing in the chat but the welcome.
    expect(await db().selectFrom('deliveries').select('person_id').execute()).toEqual([]);
    const toChair = connector.calls.filter((c) => c.conversationId === 'a:29:scrutineer');
    expect(toChair.some((c) => JSON.stringify(c.body).includes('RR-2026-061'))).toBe(false);
  });

  it('sends to the chairs of a subgroup without a channel, with refresh.userIds their Teams ids', async () => {
    const { recommendationId } = await submit('workforce-development', 'RR-2026-062');
    const rec = await waitUntil(
      () =>
        db()
          .selectFrom('recommendations')
          .selectAll()
          .where('id', '=', recommendationId)
          .executeTakeFirstOrThrow(),
      (r) => r.message_id !== null,
    );
    expect(rec.subgroup_id).toBe('ILD');
    const chairs = t.rt.partnership.subgroups.find((g) => g.id === 'ILD')!.chairs;
    const sent = await waitUntil(
      async () =>
        connector.calls.filter(
          (c) =>
            chairs.some((id) => c.conversationId === `a:29:${id}`) &&
            JSON.stringify(c.body).includes('RR-2026-062'),
        ),
      (calls) => calls.length === chairs.length,
    );
    for (const call of sent) {
      const card = (call.body.attachments as Array<{ content: { refresh?: { userIds: string[] } } }>)[0]!
        .content;
      // Teams user ids (29:...) of the chairs who have the app, never Entra object ids.
      expect([...card.refresh!.userIds].sort()).toEqual(chairs.map((id) => `29:${id}`).sort());
      for (const id of chairs) expect(JSON.stringify(card)).not.toContain(objectIdFor(id));
    }
    // The stored copy carries the same refresh.
    const stored = await db()
      .selectFrom('messages')
      .select('card')
      .where('id', '=', rec.message_id!)
      .executeTakeFirstOrThrow();
    expect((stored.card as { refresh: { userIds: string[] } }).refresh.userIds.sort()).toEqual(
      chairs.map((id) => `29:${id}`).sort(),
    );
  });
});

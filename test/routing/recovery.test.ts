import { RECOMMENDATION_VERBS } from '../../cards/recommendation';
import { saveConversationReference } from '../../core/conversations/store';
import type { TeamsSender } from '../../core/delivery/ports';
import { recommendationHandlers } from '../../core/recommendations/card-actions';
import { decideRecommendation } from '../../core/recommendations/decide';
import { postRecommendationCard } from '../../core/recommendations/post';
import { refreshRecommendationCards } from '../../core/recommendations/refresh';
import { routeRecommendation, routingJobId } from '../../core/recommendations/route';
import { submitRecommendation } from '../../core/recommendations/submit';
import { recommendationView } from '../../core/recommendations/view';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { deliveryPorts } from '../../workers/delivery-ports';
import type { DeliveryPorts } from '../../workers/handler';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { wakefieldWithSegChannel } from './seg-channel';

const SEG_CHANNEL = '19:seg-recovery@thread.tacv2';
const SEG_CONVERSATION = `${SEG_CHANNEL};messageid=1700000000001`;

describe('routing recovers lost or failed jobs and never posts a channel card twice', () => {
  let t: TestRuntime;
  let w: WorkerProcess;
  let ports: DeliveryPorts;
  let s: Services;
  const connector = new FakeConnector();
  const db = () => t.rt.database.db;

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: wakefieldWithSegChannel(SEG_CHANNEL) });
    ports = deliveryPorts(t.rt);
    w = await startWorkerProcess(t.rt, ports);
    s = servicesFrom(t.rt, w.queues);
    // The bot was added to SEG's team: the channel's conversation is stored.
    await saveConversationReference(db(), {
      partnershipId: 'wakefield',
      personId: null,
      reference: {
        bot: { id: '28:masa-bot' },
        conversation: { id: SEG_CONVERSATION, conversationType: 'channel', tenantId: 'tenant-1' },
        channelId: 'msteams',
        serviceUrl: connector.url,
      },
    });
  });
  afterEach(() => {
    connector.respond = () => undefined;
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    await connector.stop();
  });

  const SEG = 'systems-and-procedures';
  const ILD = 'workforce-development';
  const isChannelPost = (c: ConnectorCall, caseReference: string) =>
    c.method === 'POST' &&
    c.conversationId.startsWith(SEG_CHANNEL) &&
    JSON.stringify(c.body).includes(caseReference);
  const channelPosts = (caseReference: string) =>
    connector.calls.filter((c) => isChannelPost(c, caseReference));
  const row = (id: string) =>
    db().selectFrom('recommendations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const submit = (category: string, caseReference: string, queues = s.queues) =>
    submitRecommendation(
      { ...s, queues },
      {
        source: 'rapid-review',
        caseReference,
        category,
        text: `A ${category} recommendation`,
        createdBy: 'bu-manager',
      },
    );
  /** Records a recommendation whose routing job never reached Redis. */
  const submitLost = (category: string, caseReference: string) =>
    submit(category, caseReference, { ...s.queues, enqueue: async () => 'lost' });
  const actionsQueue = () => w.queues.queue('actions');
  const finished = async (jobId: string, state: 'completed' | 'failed' = 'completed') => {
    await waitUntil(
      async () => (await actionsQueue().getJob(jobId))?.getState(),
      (st) => st === state,
    );
    return (await actionsQueue().getJob(jobId))!;
  };
  /** As if the minute a lost job is given had passed since the recommendation last changed. */
  const aMinuteLater = (id: string) =>
    db()
      .updateTable('recommendations')
      .set({ updated_at: new Date(Date.now() - 5 * 60_000) })
      .where('id', '=', id)
      .execute();
  let sweeps = 0;
  const sweep = async () => {
    const jobId = await w.queues.enqueue(
      'escalation-sweep',
      { partnershipId: 'wakefield' },
      { jobId: `test-sweep-${++sweeps}` },
    );
    return (await finished(jobId)).returnvalue as { routingRequeued: number; routingRetried: number };
  };
  const bu = () => s.directory.person('bu-manager')!;

  describe('(a) the sweep recovers routing', () => {
    it('retries a routing job that failed for good, and the card is posted', async () => {
      connector.respond = (call) => (isChannelPost(call, 'RR-2026-901') ? { status: 503 } : undefined);
      const { recommendationId } = await submitLost(SEG, 'RR-2026-901');
      // Its job as submit queues it, but with one attempt, so it fails for good at once (and is kept).
      await actionsQueue().add(
        'route-recommendation',
        { recommendationId },
        { jobId: routingJobId(recommendationId), attempts: 1, removeOnFail: 5000 },
      );
      await finished(routingJobId(recommendationId), 'failed');
      expect(await row(recommendationId)).toMatchObject({
        stage: 'routed',
        subgroup_id: 'SEG',
        message_id: null,
        channel_conversation_id: null,
        channel_activity_id: null,
      });

      connector.respond = () => undefined;
      await aMinuteLater(recommendationId);
      const swept = await sweep();
      expect(swept.routingRetried).toBeGreaterThanOrEqual(1);
      const rec = await waitUntil(
        () => row(recommendationId),
        (r) => r.channel_activity_id !== null,
      );
      expect(rec.channel_conversation_id).toBe(SEG_CONVERSATION);
      expect(channelPosts('RR-2026-901')).toHaveLength(1);
    });

    it('adds the routing job of a re-route that was lost, though the first routing job is kept as completed', async () => {
      const { recommendationId } = await submit(ILD, 'RR-2026-902');
      await waitUntil(
        () => row(recommendationId),
        (r) => r.message_id !== null,
      );
      expect((await finished(routingJobId(recommendationId))).returnvalue).toMatchObject({
        posted: 'chairs',
      });
      // Re-routed to SEG, but the job that would post the new card never reached Redis.
      await decideRecommendation(s, recommendationId, bu(), {
        kind: 'reroute',
        subgroupId: 'SEG',
        reason: 'Systems question',
      });
      await aMinuteLater(recommendationId);
      expect((await sweep()).routingRequeued).toBeGreaterThanOrEqual(1);
      const rec = await waitUntil(
        () => row(recommendationId),
        (r) => r.channel_activity_id !== null,
      );
      expect(rec).toMatchObject({ subgroup_id: 'SEG', message_id: null });
      expect(channelPosts('RR-2026-902')).toHaveLength(1);
    });
  });

  describe('(b) the channel post is claimed before it is sent', () => {
    it('a retry after the post went out but before it was recorded does not post again', async () => {
      const { recommendationId } = await submitLost(SEG, 'RR-2026-903');
      await routeRecommendation(s, recommendationId);
      // The worker dies right after the Connector took the post, before the activity id is written.
      const dying: TeamsSender = {
        send: async (ref, message) => {
          await ports.teams.send(ref, message);
          throw new Error('worker died after the send');
        },
        update: ports.teams.update,
      };
      await expect(postRecommendationCard(s, dying, recommendationId)).rejects.toThrow('worker died');
      expect(channelPosts('RR-2026-903')).toHaveLength(1);

      // The job's retry (and the sweep) find the claim and leave the card unconfirmed: not posted again,
      // neither in the channel nor to the chairs.
      await w.queues.enqueue(
        'route-recommendation',
        { recommendationId },
        { jobId: routingJobId(recommendationId) },
      );
      const job = await finished(routingJobId(recommendationId));
      expect(job.returnvalue).toMatchObject({ posted: 'unconfirmed' });
      await aMinuteLater(recommendationId);
      await sweep();
      expect((await actionsQueue().getJob(routingJobId(recommendationId)))!.attemptsStarted).toBe(
        job.attemptsStarted,
      );
      expect(channelPosts('RR-2026-903')).toHaveLength(1);
      expect(await row(recommendationId)).toMatchObject({
        message_id: null,
        channel_conversation_id: SEG_CONVERSATION,
        channel_activity_id: null,
      });
    });

    it('waits as long as Retry-After says on 429, without using up an attempt, then posts once', async () => {
      // The Connector client itself retries a 429 a few times (here at once, Retry-After 0); when it gives
      // up, the job is told to wait the last Retry-After (3 s).
      const retryAfter = ['0', '0', '0', '3'];
      let refusals = 0;
      let lastRefusalAt = 0;
      let acceptedAt = 0;
      connector.respond = (call) => {
        if (!isChannelPost(call, 'RR-2026-904')) return undefined;
        if (refusals < retryAfter.length) {
          lastRefusalAt = Date.now();
          return { status: 429, headers: { 'Retry-After': retryAfter[refusals++]! } };
        }
        acceptedAt = Date.now();
        return undefined;
      };
      const { recommendationId } = await submit(SEG, 'RR-2026-904');
      const job = await finished(routingJobId(recommendationId));
      expect(job.returnvalue).toMatchObject({ posted: 'channel' });
      expect(refusals).toBe(retryAfter.length);
      // The job ran again (it was put back) and only the run that posted counts as an attempt.
      expect(job.attemptsStarted).toBeGreaterThanOrEqual(2);
      expect(job.attemptsMade).toBe(1);
      // Nothing was tried again before the 3 seconds Teams asked for had passed.
      expect(acceptedAt - lastRefusalAt).toBeGreaterThanOrEqual(3_000);
      expect(channelPosts('RR-2026-904')).toHaveLength(1);
      expect((await row(recommendationId)).channel_activity_id).not.toBeNull();
    });

    it('an update of the channel card waits as long as Retry-After says on 429, without using up an attempt', async () => {
      const { recommendationId } = await submit(SEG, 'RR-2026-911');
      const posted = await waitUntil(
        () => row(recommendationId),
        (r) => r.channel_activity_id !== null,
      );
      const retryAfter = ['0', '0', '0', '2'];
      let refusals = 0;
      let lastRefusalAt = 0;
      let acceptedAt = 0;
      const isUpdate = (call: ConnectorCall) =>
        call.method === 'PUT' &&
        call.conversationId.startsWith(SEG_CHANNEL) &&
        call.path.endsWith(`/activities/${encodeURIComponent(posted.channel_activity_id!)}`);
      connector.respond = (call) => {
        if (!isUpdate(call)) return undefined;
        if (refusals < retryAfter.length) {
          lastRefusalAt = Date.now();
          return { status: 429, headers: { 'Retry-After': retryAfter[refusals++]! } };
        }
        acceptedAt = Date.now();
        return undefined;
      };
      await refreshRecommendationCards(s, recommendationId);
      const job = await waitUntil(
        async () =>
          (await actionsQueue().getJobs(['completed', 'failed'])).find(
            (j) => j.name === 'update-recommendation-card' && j.data.recommendationId === recommendationId,
          ),
        (j) => j !== undefined,
        20_000,
      );
      expect(job!.returnvalue).toEqual({ updated: true });
      expect(job!.attemptsMade).toBe(1);
      expect(refusals).toBe(retryAfter.length);
      expect(acceptedAt - lastRefusalAt).toBeGreaterThanOrEqual(2_000);
    });

    it('a post accepted without an activity id is not also sent to the chairs', async () => {
      let accepted = 0;
      connector.respond = (call) => {
        if (!isChannelPost(call, 'RR-2026-905')) return undefined;
        accepted++;
        return { status: 200, body: {} };
      };
      const { recommendationId } = await submit(SEG, 'RR-2026-905');
      const job = await finished(routingJobId(recommendationId));
      expect(job.returnvalue).toMatchObject({ posted: 'unconfirmed' });
      expect(accepted).toBe(1);
      expect(await row(recommendationId)).toMatchObject({
        message_id: null,
        channel_conversation_id: SEG_CONVERSATION,
        channel_activity_id: null,
      });
      const chairs = s.directory.subgroup('SEG')!.chairs;
      expect(
        connector.calls.filter(
          (c) =>
            chairs.some((id) => c.conversationId.includes(id)) &&
            JSON.stringify(c.body).includes('RR-2026-905'),
        ),
      ).toEqual([]);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_id', '=', recommendationId)
        .where('action', '=', 'recommendation.channel-card-unconfirmed')
        .execute();
      expect(audit).toEqual([
        {
          action: 'recommendation.channel-card-unconfirmed',
          details: { subgroupId: 'SEG', code: 'TEAMS_NO_ACTIVITY_ID' },
        },
      ]);
    });
  });

  describe('(c) a card action answers only with a card of its own recommendation', () => {
    /** A recommendation routed to ILD, whose chairs were sent a card (a message). */
    const routedToChairs = async (caseReference: string) => {
      const { recommendationId } = await submitLost(ILD, caseReference);
      await routeRecommendation(s, recommendationId);
      expect(await postRecommendationCard(s, ports.teams, recommendationId)).toEqual({ posted: 'chairs' });
      return { recommendationId, messageId: (await row(recommendationId)).message_id! };
    };

    it('refuses a messageId of another recommendation and changes nothing', async () => {
      const a = await routedToChairs('RR-2026-906');
      const b = await routedToChairs('RR-2026-907');
      const before = await row(a.recommendationId);
      const eventsBefore = await db()
        .selectFrom('recommendation_events')
        .select('kind')
        .where('recommendation_id', '=', a.recommendationId)
        .execute();
      const answer = await recommendationHandlers[RECOMMENDATION_VERBS.accept]!(s, {
        verb: RECOMMENDATION_VERBS.accept,
        data: { recommendationId: a.recommendationId, messageId: b.messageId },
        person: bu(),
        channel: 'teams',
      });
      expect(answer).toEqual({
        kind: 'error',
        status: 400,
        message: 'messageId: this card belongs to a different recommendation, so nothing was changed.',
      });
      expect(await row(a.recommendationId)).toEqual(before);
      expect(
        await db()
          .selectFrom('recommendation_events')
          .select('kind')
          .where('recommendation_id', '=', a.recommendationId)
          .execute(),
      ).toEqual(eventsBefore);
      expect(
        await db()
          .selectFrom('audit_log')
          .select('action')
          .where('subject_id', '=', a.recommendationId)
          .where('action', '=', 'recommendation.accepted')
          .execute(),
      ).toEqual([]);
      // The view shows nothing for a card of another recommendation, and the card itself for its own.
      const view = { messageId: b.messageId, person: bu(), channel: 'teams' as const, requested: true };
      expect(await recommendationView(s, view, a.recommendationId)).toBeUndefined();
      expect(JSON.stringify(await recommendationView(s, view, b.recommendationId))).toContain('RR-2026-907');
    });

    it('accepts with its own messageId, and a re-route queues the job the sweep looks for', async () => {
      const a = await routedToChairs('RR-2026-908');
      const accepted = await recommendationHandlers[RECOMMENDATION_VERBS.reroute]!(s, {
        verb: RECOMMENDATION_VERBS.reroute,
        data: {
          recommendationId: a.recommendationId,
          messageId: a.messageId,
          subgroupId: 'SEG',
          reason: 'x',
        },
        person: bu(),
        channel: 'teams',
      });
      expect(accepted).toMatchObject({ kind: 'card', message: 'Re-routed to SEG.' });
      const rerouted = await db()
        .selectFrom('recommendation_events')
        .select('id')
        .where('recommendation_id', '=', a.recommendationId)
        .where('kind', '=', 'rerouted')
        .executeTakeFirstOrThrow();
      const job = await finished(routingJobId(a.recommendationId, String(rerouted.id)));
      expect(job.returnvalue).toMatchObject({ posted: 'channel' });
      expect(channelPosts('RR-2026-908')).toHaveLength(1);
    });
  });
});

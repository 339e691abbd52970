import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import nock from 'nock';
import { buildNoticeCard } from '../../cards/notice';
import { saveConversationReference } from '../../core/conversations/store';
import { createMessage } from '../../core/delivery/create-message';
import { describeDeliveryCode } from '../../core/delivery/failure-reasons';
import { refreshDeliveredCards, sendMessage } from '../../core/delivery/send-message';
import { handleCardAction } from '../../core/actions/registry';
import { NOTICE_VERBS } from '../../cards/notice';
import { servicesFrom } from '../../core/services/from-runtime';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { createQueues, type Queues } from '../../workers/queues';
import { FakeConnector } from '../support/fake-connector';
import { presetWithObjectIds, TEST_TENANT_ID } from '../support/partnership-file';
import { spawnWorkerProcess } from '../support/spawn-worker';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

const GRAPH = 'https://graph.microsoft.com';
const LOGIN = 'https://login.microsoftonline.com';
const MAILBOX = 'safeguarding@wakefield.example';

/**
 * What must survive: a worker killed in the middle of a send, Redis losing its
 * jobs, Graph throttling mail, and a card changed after it was sent.
 */
describe('delivery recovery on real Redis and PostgreSQL', () => {
  let t: TestRuntime;
  let queues: Queues;
  let w: WorkerProcess | undefined;
  let child: ChildProcess | undefined;
  let partnershipFile: string;
  const connector = new FakeConnector();

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    await connector.start();
    partnershipFile = presetWithObjectIds('wakefield', {
      microsoft: { tenantId: TEST_TENANT_ID, senderMailbox: MAILBOX },
    });
    t = await openTestRuntime({
      PARTNERSHIP: partnershipFile,
      GRAPH_CLIENT_ID: 'graph-client',
      GRAPH_CLIENT_SECRET: 'graph-secret',
      JOB_LOCK_MS: '1000',
    });
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await w?.close();
    w = undefined;
    connector.respond = () => undefined;
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
    await connector.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const db = () => t.rt.database.db;
  const services = () => servicesFrom(t.rt, queues);
  const inTeams = async (personId: string) =>
    saveConversationReference(db(), {
      partnershipId: 'wakefield',
      personId,
      reference: {
        bot: { id: '28:bot' },
        user: { id: `29:${personId}` },
        conversation: { id: `a:${personId}`, conversationType: 'personal', tenantId: TEST_TENANT_ID },
        channelId: 'msteams',
        serviceUrl: connector.url,
      },
    });
  const notice = (recipients: string[], ref: string, id = randomUUID()) => ({
    id,
    partnershipId: 'wakefield',
    kind: 'notice',
    caseReference: ref,
    subject: `${ref}: briefing`,
    summary: 'Please acknowledge this notice.',
    card: buildNoticeCard({
      partnership: 'WSCP',
      title: `${ref}: briefing`,
      body: 'Please acknowledge this notice.',
      caseReference: ref,
      messageId: id,
    }),
    formVerb: NOTICE_VERBS.acknowledge,
    createdBy: 'bu-manager',
    recipients,
  });
  const deliveryOf = (messageId: string) =>
    db()
      .selectFrom('deliveries')
      .select(['person_id', 'status', 'channel', 'last_error_code', 'activity_id'])
      .where('message_id', '=', messageId)
      .orderBy('person_id')
      .execute();
  const settled = (rows: Array<{ status: string }>) =>
    rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'sending');

  function startChildWorker(): Promise<ChildProcess> {
    return spawnWorkerProcess(t, { PARTNERSHIP: partnershipFile, JOB_LOCK_MS: '1000' });
  }

  it('never sends twice when a worker is killed mid-send: the delivery is shown as unconfirmed', async () => {
    await inTeams('designated-nurse');
    connector.respond = (call) => (call.conversationId === 'a:designated-nurse' ? 'hang' : undefined);
    child = await startChildWorker();
    const { messageId } = await sendMessage(services(), notice(['designated-nurse'], 'RR-2026-041'));
    // The message has reached the connector, and the worker dies before hearing back.
    await connector.waitForCalls(1, 30_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;
    connector.respond = () => undefined;

    // Another worker finds the stalled job once its lock lapses, and does not send again.
    w = await startWorkerProcess(t.rt);
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows).toEqual([
      {
        person_id: 'designated-nurse',
        status: 'unconfirmed',
        channel: 'teams',
        last_error_code: 'INTERRUPTED_MID_SEND',
        activity_id: null,
      },
    ]);
    expect(connector.calls.filter((c) => c.conversationId === 'a:designated-nurse')).toHaveLength(1);
  }, 60_000);

  it('keeps a delivery pending when its card cannot be rendered, and sends it once on the retry', async () => {
    await inTeams('named-nurse-primary-care');
    const { messageId } = await sendMessage(services(), notice(['named-nurse-primary-care'], 'RR-2026-043'));
    // A real PostgreSQL failure in the card's view (the notice view reads deliveries.answered_at), before any
    // worker runs.
    await sql`ALTER TABLE deliveries RENAME COLUMN answered_at TO answered_at_hidden`.execute(db());
    let restored = false;
    try {
      w = await startWorkerProcess(t.rt);
      const jobId = `deliver~${messageId}~named-nurse-primary-care`;
      await waitUntil(
        async () => (await queues.queue('delivery').getJob(jobId))?.attemptsMade ?? 0,
        (attempts) => attempts >= 1,
        20_000,
      );
      expect((await deliveryOf(messageId))[0]).toMatchObject({ status: 'pending' });
      await sql`ALTER TABLE deliveries RENAME COLUMN answered_at_hidden TO answered_at`.execute(db());
      restored = true;
      const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
      expect(rows).toMatchObject([
        { person_id: 'named-nurse-primary-care', status: 'delivered', channel: 'teams' },
      ]);
      expect(connector.calls.filter((c) => c.conversationId === 'a:named-nurse-primary-care')).toHaveLength(
        1,
      );
    } finally {
      if (!restored)
        await sql`ALTER TABLE deliveries RENAME COLUMN answered_at_hidden TO answered_at`.execute(db());
    }
  }, 60_000);

  it('finds deliveries whose jobs Redis lost and sends them exactly once', async () => {
    await inTeams('dci-safeguarding');
    // Recorded in PostgreSQL, but the jobs never reached Redis (or Redis was flushed).
    const { messageId } = await createMessage(db(), notice(['dci-safeguarding'], 'RR-2026-042'));
    const keys = await t.rt.redis.keys(`${t.rt.env.QUEUE_PREFIX}:*`);
    if (keys.length) await t.rt.redis.del(...keys);
    await db()
      .updateTable('deliveries')
      .set({ updated_at: new Date(Date.now() - 10 * 60_000) })
      .where('message_id', '=', messageId)
      .execute();
    w = await startWorkerProcess(t.rt);
    await queues.enqueue('delivery-sweep', { partnershipId: 'wakefield' }, { jobId: 'sweep-now' });
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({ status: 'delivered', channel: 'teams' });
    expect(connector.calls.filter((c) => c.conversationId === 'a:dci-safeguarding')).toHaveLength(1);
  });

  it('leaves a delivery whose job is waiting out a long Retry-After alone, and runs again one whose job ended unsettled', async () => {
    await inTeams('di-safeguarding');
    await inTeams('named-nurse-primary-care');
    const waiting = await createMessage(db(), notice(['di-safeguarding'], 'RR-2026-044'));
    const unsettled = await createMessage(db(), notice(['named-nurse-primary-care'], 'RR-2026-045'));
    await db()
      .updateTable('deliveries')
      .set({ updated_at: new Date(Date.now() - 10 * 60_000) })
      .where('message_id', 'in', [waiting.messageId, unsettled.messageId])
      .execute();
    // A job told by Teams to come back in ten minutes, and one that failed for good without touching its row.
    const waitingKey = { messageId: waiting.messageId, personId: 'di-safeguarding' };
    await queues.enqueue('deliver', waitingKey, {
      jobId: `deliver~${waiting.messageId}~di-safeguarding`,
      delay: 10 * 60_000,
    });
    const unsettledId = `deliver~${unsettled.messageId}~named-nurse-primary-care`;
    await queues.queue('delivery').add('deliver', { unreadable: true }, { jobId: unsettledId, attempts: 1 });
    w = await startWorkerProcess(t.rt);
    await waitUntil(
      async () => (await queues.queue('delivery').getJob(unsettledId))?.getState(),
      (state) => state === 'failed',
    );

    await queues.enqueue('delivery-sweep', { partnershipId: 'wakefield' }, { jobId: 'sweep-live-jobs' });
    const sweep = await waitUntil(
      () => queues.queue('maintenance').getJob('sweep-live-jobs'),
      (j) => j?.finishedOn !== undefined,
    );
    expect(sweep?.returnvalue).toEqual({ requeued: 0, retried: 1 });
    const rows = await waitUntil(() => deliveryOf(unsettled.messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({ status: 'delivered', channel: 'teams' });
    expect(
      await queues.queue('delivery').getJob(`deliver~${waiting.messageId}~di-safeguarding`),
    ).toBeDefined();
    expect(
      await (await queues
        .queue('delivery')
        .getJob(`deliver~${waiting.messageId}~di-safeguarding`))!.getState(),
    ).toBe('delayed');
    expect(connector.calls.filter((c) => c.conversationId === 'a:di-safeguarding')).toEqual([]);
    expect((await deliveryOf(waiting.messageId))[0]).toMatchObject({ status: 'pending' });
  });

  it('records a Teams message accepted without an activity id as TEAMS_NO_ACTIVITY_ID, which the sender sees explained', async () => {
    await inTeams('designated-nurse');
    connector.respond = (call) =>
      call.method === 'POST' &&
      call.conversationId === 'a:designated-nurse' &&
      JSON.stringify(call.body).includes('RR-2026-046')
        ? { status: 200, body: {} }
        : undefined;
    w = await startWorkerProcess(t.rt);
    const { messageId } = await sendMessage(services(), notice(['designated-nurse'], 'RR-2026-046'));
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({
      status: 'failed',
      channel: 'teams',
      last_error_code: 'TEAMS_NO_ACTIVITY_ID',
    });
    expect(describeDeliveryCode(rows[0]!.last_error_code!)).toMatch(/Teams may have shown it/);
  });

  it('honours a Graph 429 Retry-After on mail and sends the email once', async () => {
    nock(LOGIN)
      .post(`/${TEST_TENANT_ID}/oauth2/v2.0/token`)
      .reply(200, { access_token: 'graph-token', expires_in: 3600 });
    const accepted: string[] = [];
    const sendMail = `/v1.0/users/${encodeURIComponent(MAILBOX)}/sendMail`;
    nock(GRAPH)
      .post(sendMail)
      .reply(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
    nock(GRAPH)
      .post(sendMail)
      .reply(202, (_uri, body) => {
        accepted.push((body as { message: { subject: string } }).message.subject);
        return '';
      });
    w = await startWorkerProcess(t.rt);
    const started = Date.now();
    // No Teams conversation and no Graph install configured: email it is.
    const { messageId } = await sendMessage(services(), notice(['probation-spo'], 'RR-2026-043'));
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({ status: 'delivered', channel: 'email', last_error_code: null });
    expect(accepted).toEqual(['RR-2026-043: briefing']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('records a permanent mail failure with its reason, and does not retry it', async () => {
    nock(LOGIN)
      .post(`/${TEST_TENANT_ID}/oauth2/v2.0/token`)
      .reply(200, { access_token: 'graph-token', expires_in: 3600 });
    nock(GRAPH)
      .post(`/v1.0/users/${encodeURIComponent(MAILBOX)}/sendMail`)
      .reply(400, { error: { code: 'ErrorInvalidRecipients' } });
    w = await startWorkerProcess(t.rt);
    const { messageId } = await sendMessage(services(), notice(['sm-social-care'], 'RR-2026-044'));
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({ status: 'failed', channel: 'email' });
    expect(rows[0]!.last_error_code).toBe('MAIL_HTTP_400');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('updates a sent card in place by its stored activity id after an answer', async () => {
    await inTeams('hos-localities');
    w = await startWorkerProcess(t.rt);
    const { messageId } = await sendMessage(services(), notice(['hos-localities'], 'RR-2026-045'));
    const [row] = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(row).toMatchObject({ status: 'delivered', channel: 'teams', activity_id: expect.any(String) });

    const person = t.rt.directory.person('hos-localities')!;
    const answer = await handleCardAction(services(), {
      verb: NOTICE_VERBS.acknowledge,
      data: { messageId },
      person,
      channel: 'teams',
    });
    expect(answer.kind).toBe('card');
    expect(await refreshDeliveredCards(services(), messageId)).toBe(1);
    const [update] = await waitUntil(
      async () =>
        connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === 'a:hos-localities'),
      (calls) => calls.length > 0,
      20_000,
    );
    expect(update!.path).toBe(`/v3/conversations/a%3Ahos-localities/activities/${row!.activity_id}`);
    expect(JSON.stringify(update!.body)).toMatch(/Acknowledged \d{1,2} [A-Z][a-z]{2} \d{4}/);
  });

  it('tells the sender of a one-person message that it could not be delivered, and why', async () => {
    await inTeams('bu-manager');
    w = await startWorkerProcess(t.rt);
    const { messageId } = await sendMessage(services(), notice(['left-the-partnership'], 'RR-2026-046'));
    const rows = await waitUntil(() => deliveryOf(messageId), settled, 20_000);
    expect(rows[0]).toMatchObject({ status: 'undeliverable', last_error_code: 'NOT_IN_DIRECTORY' });
    const [told] = await waitUntil(
      async () =>
        connector.calls.filter(
          (c) => c.conversationId === 'a:bu-manager' && JSON.stringify(c.body).includes('RR-2026-046'),
        ),
      (calls) => calls.length > 0,
      20_000,
    );
    const text = JSON.stringify(told!.body);
    expect(text).toContain('left-the-partnership');
    expect(text).toContain('Could not reach');
  });
});

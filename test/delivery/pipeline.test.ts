import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { buildNoticeCard } from '../../cards/notice';
import { saveConversationReference } from '../../core/conversations/store';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { startFanOut } from '../../workers/deliver/fan-out';
import { deliveryPorts } from '../../workers/delivery-ports';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds, TEST_TENANT_ID } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { adaptiveCardProblems } from '../support/cards';

const GRAPH = 'https://graph.microsoft.com';
const LOGIN = 'https://login.microsoftonline.com';
const MAILBOX = 'safeguarding@wakefield.example';

describe('delivery pipeline on real Redis and PostgreSQL', () => {
  let t: TestRuntime;
  let w: WorkerProcess;
  const connector = new FakeConnector();

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    await connector.start();
    t = await openTestRuntime({
      PARTNERSHIP: presetWithObjectIds('wakefield', {
        microsoft: { tenantId: TEST_TENANT_ID, senderMailbox: MAILBOX },
      }),
      GRAPH_CLIENT_ID: 'graph-client',
      GRAPH_CLIENT_SECRET: 'graph-secret',
      TEAMS_CATALOG_APP_ID: '1542629c-01b3-4a6d-8f76-1938b779e48d',
      MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555',
      MICROSOFT_APP_PASSWORD: 'bot-secret',
      FORM_TOKEN_SECRET: 'f'.repeat(40),
      TEAMS_SERVICE_URL: connector.url + '/',
    });
    // The bot's own token for the Bot Connector, from the Bot Framework login endpoint.
    nock(LOGIN)
      .persist()
      .post(/\/botframework\.com\/oauth2\/v2\.0\/token/)
      .reply(200, { access_token: 'token', expires_in: 3600, token_type: 'Bearer' });
    w = await startWorkerProcess(t.rt, deliveryPorts(t.rt));
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    await connector.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const db = () => t.rt.database.db;
  const reference = (personId: string) => ({
    bot: { id: '28:bot' },
    user: { id: `29:${personId}`, aadObjectId: objectIdFor(personId) },
    conversation: { id: `a:${personId}`, conversationType: 'personal', tenantId: TEST_TENANT_ID },
    channelId: 'msteams',
    serviceUrl: connector.url,
  });
  const notice = (recipients: string[], ref: string, id = randomUUID()) => ({
    id,
    partnershipId: 'wakefield',
    kind: 'notice',
    caseReference: ref,
    subject: `${ref}: information request`,
    summary: 'Please acknowledge this notice.',
    card: buildNoticeCard({
      partnership: 'WSCP',
      title: `${ref}: information request`,
      body: 'Please acknowledge.',
      caseReference: ref,
      messageId: id,
    }),
    formVerb: 'notice.acknowledge',
    createdBy: 'bu-manager',
    recipients,
  });
  const deliveriesOf = (messageId: string) =>
    db()
      .selectFrom('deliveries')
      .select(['person_id', 'status', 'channel', 'last_error_code', 'attempts'])
      .where('message_id', '=', messageId)
      .orderBy('person_id')
      .execute();
  const settled = (rows: Array<{ status: string }>) =>
    rows.every((r) => r.status !== 'pending' && r.status !== 'sending');

  it('sends by Teams where there is a conversation, by email where Teams refuses, and records the rest', async () => {
    for (const p of ['bu-manager', 'designated-nurse', 'dci-safeguarding', 'probation-spo']) {
      await saveConversationReference(db(), {
        partnershipId: 'wakefield',
        personId: p,
        reference: reference(p),
      });
    }
    connector.respond = (call) => {
      if (call.conversationId === 'a:dci-safeguarding')
        return { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } };
      if (call.conversationId === 'a:probation-spo')
        return { status: 400, body: { error: { code: 'BadArgument' } } };
      return undefined;
    };
    const sent: Array<{ to: string; subject: string; html: string }> = [];
    nock(LOGIN)
      .post(`/${TEST_TENANT_ID}/oauth2/v2.0/token`)
      .reply(200, { access_token: 'graph-token', expires_in: 3600 });
    nock(GRAPH)
      .post(`/v1.0/users/${encodeURIComponent(MAILBOX)}/sendMail`)
      .times(5)
      .reply(202, (_uri, body) => {
        const b = body as {
          message: {
            subject: string;
            body: { content: string };
            toRecipients: Array<{ emailAddress: { address: string } }>;
          };
        };
        sent.push({
          to: b.message.toRecipients[0]!.emailAddress.address,
          subject: b.message.subject,
          html: b.message.body.content,
        });
        return '';
      });
    // hos-localities has no conversation: the app is installed for them through Graph first.
    const oid = objectIdFor('hos-localities');
    nock(GRAPH)
      .post(`/v1.0/users/${oid}/teamwork/installedApps`)
      .reply(409, { error: { code: 'Conflict' } });
    nock(GRAPH)
      .get(`/v1.0/users/${oid}/teamwork/installedApps`)
      .query(true)
      .reply(200, { value: [{ id: 'installation-1' }] });
    nock(GRAPH)
      .get(`/v1.0/users/${oid}/teamwork/installedApps/installation-1/chat`)
      .reply(200, { id: '19:installed-chat' });

    const { messageId } = await startFanOut(
      { db: db(), queues: w.queues, teams: deliveryPorts(t.rt).teams },
      notice(
        ['designated-nurse', 'dci-safeguarding', 'probation-spo', 'hos-localities', 'not-a-person'],
        'RR-2026-001',
      ),
    );
    const rows = await waitUntil(() => deliveriesOf(messageId), settled);
    expect(rows).toEqual([
      {
        person_id: 'dci-safeguarding',
        status: 'delivered',
        channel: 'email',
        last_error_code: null,
        attempts: 2,
      },
      {
        person_id: 'designated-nurse',
        status: 'delivered',
        channel: 'teams',
        last_error_code: null,
        attempts: 1,
      },
      {
        person_id: 'hos-localities',
        status: 'delivered',
        channel: 'teams',
        last_error_code: null,
        attempts: 1,
      },
      {
        person_id: 'not-a-person',
        status: 'undeliverable',
        channel: null,
        last_error_code: 'NOT_IN_DIRECTORY',
        attempts: 0,
      },
      {
        person_id: 'probation-spo',
        status: 'failed',
        channel: 'teams',
        last_error_code: 'TEAMS_HTTP_400',
        attempts: 1,
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: 'dci-safeguarding@wakefield.example',
      subject: 'RR-2026-001: information request',
    });
    expect(sent[0]!.html).toMatch(/\/forms\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    const teamsCalls = connector.calls.filter(
      (c) => c.method === 'POST' && c.conversationId !== 'a:bu-manager',
    );
    expect(teamsCalls.map((c) => c.conversationId).sort()).toEqual([
      '19:installed-chat',
      'a:designated-nurse',
    ]);
    const card = (teamsCalls[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);

    // The sender's progress card is posted once, then updated in place with the final counts.
    const update = await waitUntil(
      async () => connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === 'a:bu-manager'),
      // Earlier updates show the counts so far; the last one, once every delivery is settled, the final ones.
      (calls) => calls.length > 0 && JSON.stringify(calls[calls.length - 1]!.body).includes('5 of 5 handled'),
    );
    const last = JSON.stringify(update[update.length - 1]!.body);
    expect(last).toContain('Could not reach');
    expect(last).toContain('not-a-person');
    expect(last).toContain('Senior probation officer');
  });

  it('waits as long as Retry-After says on 429 and then sends exactly once', async () => {
    await saveConversationReference(db(), {
      partnershipId: 'wakefield',
      personId: 'sm-social-care',
      reference: reference('sm-social-care'),
    });
    let refusals = 0;
    const started = Date.now();
    connector.respond = (call) => {
      if (call.conversationId === 'a:sm-social-care' && refusals++ === 0)
        return { status: 429, headers: { 'Retry-After': '1' } };
      return undefined;
    };
    const { messageId } = await startFanOut(
      { db: db(), queues: w.queues, teams: deliveryPorts(t.rt).teams },
      { ...notice(['sm-social-care'], 'RR-2026-002'), createdBy: 'qpd-officer' },
    );
    const rows = await waitUntil(() => deliveriesOf(messageId), settled);
    expect(rows).toEqual([
      {
        person_id: 'sm-social-care',
        status: 'delivered',
        channel: 'teams',
        last_error_code: null,
        attempts: 1,
      },
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(connector.calls.filter((c) => c.conversationId === 'a:sm-social-care')).toHaveLength(1);
  });

  it('retries 503 with backoff and never sends twice', async () => {
    await saveConversationReference(db(), {
      partnershipId: 'wakefield',
      personId: 'sm-youth-justice',
      reference: reference('sm-youth-justice'),
    });
    let failures = 0;
    connector.respond = (call) =>
      call.conversationId === 'a:sm-youth-justice' && failures++ < 2 ? { status: 503 } : undefined;
    const { messageId } = await startFanOut(
      { db: db(), queues: w.queues, teams: deliveryPorts(t.rt).teams },
      { ...notice(['sm-youth-justice'], 'RR-2026-003'), createdBy: 'qpd-officer' },
    );
    const rows = await waitUntil(() => deliveriesOf(messageId), settled, 30_000);
    expect(rows[0]).toMatchObject({ status: 'delivered', channel: 'teams' });
    expect(connector.calls.filter((c) => c.conversationId === 'a:sm-youth-justice')).toHaveLength(1);
  });

  it('refuses a message whose subject lacks its case reference', async () => {
    await expect(
      startFanOut(
        { db: db(), queues: w.queues, teams: deliveryPorts(t.rt).teams },
        { ...notice(['bu-manager'], 'RR-2026-004'), subject: 'A request' },
      ),
    ).rejects.toThrow('subject: must carry the case reference');
  });
});

import nock from 'nock';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { saveConversationReference } from '../../core/conversations/store';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { teamsCardAction, teamsMessage } from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { waitUntil } from '../support/wait';
import { objectIdFor, presetWithObjectIds, TEST_TENANT_ID } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

export const GRAPH = 'https://graph.example.test';
export const LOGIN = 'https://login.example.test';
export const MAILBOX = 'safeguarding@wakefield.example';

export interface SentMail {
  to: string;
  subject: string;
  html: string;
}

/**
 * A bot, its workers, real PostgreSQL and Redis, the Bot Connector faked over HTTP and Graph mail
 * faked with nock: people with a stored Teams conversation are reached in Teams, everyone else by email.
 */
export class RapidReviewHarness {
  readonly connector = new FakeConnector();
  readonly mail: SentMail[] = [];
  t!: TestRuntime;
  bot!: RunningBot;
  workers!: WorkerProcess;

  async start(
    teamsPeople: string[],
    env: Record<string, string> = {},
    opts: { workers?: boolean } = {},
  ): Promise<void> {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    await this.connector.start();
    this.t = await openTestRuntime({
      PARTNERSHIP: presetWithObjectIds('wakefield', {
        microsoft: { tenantId: TEST_TENANT_ID, senderMailbox: MAILBOX },
      }),
      GRAPH_CLIENT_ID: 'graph-client',
      GRAPH_CLIENT_SECRET: 'graph-secret',
      GRAPH_BASE_URL: `${GRAPH}/v1.0`,
      GRAPH_AUTHORITY_URL: LOGIN,
      CLOCK_START: '2026-03-02T10:00:00Z',
      ...env,
    });
    nock(LOGIN)
      .persist()
      .post(`/${TEST_TENANT_ID}/oauth2/v2.0/token`)
      .reply(200, { access_token: 'graph-token', expires_in: 3600, token_type: 'Bearer' });
    nock(GRAPH)
      .persist()
      .post(`/v1.0/users/${encodeURIComponent(MAILBOX)}/sendMail`)
      .reply(202, (_uri, body) => {
        const b = body as {
          message: {
            subject: string;
            body: { content: string };
            toRecipients: Array<{ emailAddress: { address: string } }>;
          };
        };
        this.mail.push({
          to: b.message.toRecipients[0]!.emailAddress.address,
          subject: b.message.subject,
          html: b.message.body.content,
        });
        return '';
      });
    for (const personId of teamsPeople) {
      await saveConversationReference(this.db, {
        partnershipId: 'wakefield',
        personId,
        reference: {
          bot: { id: '28:masa-bot' },
          user: { id: this.user(personId).id, aadObjectId: objectIdFor(personId) },
          conversation: { id: `a:${personId}`, conversationType: 'personal', tenantId: TEST_TENANT_ID },
          channelId: 'msteams',
          serviceUrl: this.connector.url,
        },
      });
    }
    this.bot = await startBot(this.t.rt);
    if (opts.workers !== false) await this.startWorkers();
  }

  async startWorkers(): Promise<void> {
    this.workers = await startWorkerProcess(this.t.rt);
  }

  async stop(): Promise<void> {
    await this.workers?.close();
    await this.bot?.close();
    await this.t?.close();
    await this.connector.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  }

  get db() {
    return this.t.rt.database.db;
  }

  user(personId: string) {
    return { id: `29:${personId}`, aadObjectId: objectIdFor(personId), name: personId };
  }

  /** Types a command in the person's 1:1 chat; resolves with the bot's answer. */
  async say(personId: string, text: string): Promise<Record<string, unknown>> {
    const activity = teamsMessage(this.connector.url, this.user(personId), text, `a:${personId}`);
    await request(this.bot.server).post('/api/messages').send(activity).expect(200);
    // The answer is the reply to this message; jobs may post other cards to the same chat meanwhile.
    const [answer] = await waitUntil(
      async () =>
        this.connector.calls.filter(
          (c) =>
            c.method === 'POST' && c.conversationId === `a:${personId}` && c.body.replyToId === activity.id,
        ),
      (calls) => calls.length > 0,
    );
    return answer!.body;
  }

  /** Presses an Action.Execute button as the person; the invoke answer is `{ statusCode, type, value }`. */
  async press(
    personId: string,
    verb: string,
    data: Record<string, unknown>,
    trigger: 'manual' | 'automatic' = 'manual',
  ): Promise<{ statusCode: number; type: string; value: unknown }> {
    const res = await request(this.bot.server)
      .post('/api/messages')
      .send(teamsCardAction(this.connector.url, this.user(personId), { verb, data }, { trigger }));
    // The HTTP status mirrors the invoke answer's statusCode; the body carries the answer itself.
    return res.body as { statusCode: number; type: string; value: unknown };
  }
}

/** The card of an invoke answer or message, as searchable text. */
export function cardText(card: unknown): string {
  return JSON.stringify(card);
}

export function cardOfMessage(body: Record<string, unknown>): Record<string, unknown> {
  const attachments = body.attachments as Array<{ content: Record<string, unknown> }> | undefined;
  if (!attachments?.[0]) throw new Error(`no card in ${JSON.stringify(body).slice(0, 200)}`);
  return attachments[0].content;
}

/** Every element of a card (body and show-cards), flattened, for checks on inputs and buttons. */
export function elementsOf(
  node: unknown,
  out: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
  if (Array.isArray(node)) for (const n of node) elementsOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string') out.push(o);
    for (const v of Object.values(o)) elementsOf(v, out);
  }
  return out;
}

export function inputsOf(card: unknown): string[] {
  return elementsOf(card)
    .filter((e) => String(e.type).startsWith('Input.'))
    .map((e) => String(e.id));
}

export function verbsOf(card: unknown): string[] {
  return elementsOf(card)
    .filter((e) => e.type === 'Action.Execute')
    .map((e) => String(e.verb));
}

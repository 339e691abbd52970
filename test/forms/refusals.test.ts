import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { buildNoticeCard, NOTICE_VERBS } from '../../cards/notice';
import { formTokenSecret } from '../../config/env';
import { REFRESH_VERB } from '../../core/actions/refresh';
import { createMessage } from '../../core/delivery/create-message';
import { issueFormToken } from '../../core/forms/token';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

const A = 'bu-coordinator';
const B = 'qpd-officer';

describe('the emailed web form refuses in plain words: another message, a malformed or oversized body', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let server: Server;
  let secret: string;

  beforeAll(async () => {
    t = await openTestRuntime();
    bot = await startBot(t.rt);
    secret = formTokenSecret(t.rt.env);
    server = bot.server;
  });
  afterAll(async () => {
    await bot?.close();
    await t?.close();
  });

  const db = () => t.rt.database.db;

  /** A notice to one person whose card, like every per-viewer card, asks Teams to refresh it. */
  async function sendNotice(recipient: string, title: string): Promise<string> {
    const messageId = randomUUID();
    const card = buildNoticeCard({ partnership: 'WSCP', title, body: 'Please acknowledge.', messageId });
    await createMessage(db(), {
      id: messageId,
      partnershipId: t.rt.partnership.id,
      kind: 'notice',
      subject: title,
      summary: 'Please acknowledge.',
      card: {
        ...card,
        refresh: { action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { messageId } } },
      },
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients: [recipient],
    });
    return messageId;
  }

  const issue = (messageId: string, personId: string) =>
    issueFormToken(db(), { secret, messageId, personId, days: t.rt.env.FORM_LINK_DAYS });
  const tokensOf = (messageId: string) =>
    db().selectFrom('form_tokens').select('used_at').where('message_id', '=', messageId).execute();

  it("refuses to show another message's card through a link, even when the view shows nothing", async () => {
    const forA = await sendNotice(A, 'Briefing for A');
    const forB = await sendNotice(B, 'Briefing for B');
    const token = await issue(forA, A);

    const other = await request(server)
      .post(`/forms/${token}`)
      .send({ verb: REFRESH_VERB, data: { messageId: forB } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'This link is for a different message.' });
    expect(JSON.stringify(other.body)).not.toContain('Briefing for B');

    const own = await request(server)
      .post(`/forms/${token}`)
      .send({ verb: REFRESH_VERB, data: { messageId: forA } });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body.card)).toContain('Briefing for A');
    expect(await tokensOf(forA)).toEqual([{ used_at: null }]);
  });

  it('names the part of the body that is wrong, and changes nothing', async () => {
    const messageId = await sendNotice(A, 'Briefing for a malformed body');
    const token = await issue(messageId, A);
    const cases: Array<[object, string]> = [
      [{ data: { messageId } }, 'Button: expected the name of the button pressed.'],
      [{ verb: NOTICE_VERBS.acknowledge }, 'Form values: expected the values of the form.'],
      [
        { verb: NOTICE_VERBS.acknowledge, data: [messageId] },
        'Form values: expected the values of the form.',
      ],
      [{ verb: 'x'.repeat(101), data: { messageId } }, 'Button: is too long.'],
    ];
    for (const [body, error] of cases) {
      const res = await request(server).post(`/forms/${token}`).send(body);
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error } });
    }
    expect(await tokensOf(messageId)).toEqual([{ used_at: null }]);
  });

  it('answers a body over 64 kB with 413 and its own message', async () => {
    const messageId = await sendNotice(A, 'Briefing for a long answer');
    const token = await issue(messageId, A);
    const res = await request(server)
      .post(`/forms/${token}`)
      .send({ verb: NOTICE_VERBS.acknowledge, data: { messageId, note: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: 'Your answer is too long to send (the limit is 64 kB). Please shorten it and try again.',
    });
    expect(res.headers['cache-control']).toContain('no-store');
    expect(await tokensOf(messageId)).toEqual([{ used_at: null }]);
  });
});

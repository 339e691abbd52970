import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { buildNoticeCard, NOTICE_VERBS } from '../../cards/notice';
import { sendMessage } from '../../core/delivery/send-message';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

describe('the local outbox (npm run dev without a Graph application)', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let w: WorkerProcess;

  beforeAll(async () => {
    t = await openTestRuntime({ GRAPH_FAKE: 'true' });
    bot = await startBot(t.rt);
    w = await startWorkerProcess(t.rt);
  });
  afterAll(async () => {
    await w.close();
    await bot.close();
    await t.close();
  });

  it('keeps the email a person without Teams would get, with a web-form link that works', async () => {
    const id = randomUUID();
    await sendMessage(bot.services, {
      id,
      partnershipId: 'wakefield',
      kind: 'notice',
      caseReference: 'RR-2026-061',
      subject: 'RR-2026-061: briefing <for> you',
      summary: 'Please acknowledge this notice.',
      card: buildNoticeCard({
        partnership: 'WSCP',
        title: 'RR-2026-061: briefing',
        body: 'Please acknowledge this notice.',
        caseReference: 'RR-2026-061',
        messageId: id,
      }),
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients: ['designated-nurse'],
    });
    const { body } = await waitUntil(
      () => request(bot.server).get('/dev/outbox.json'),
      (res) => (res.body as { mail: unknown[] }).mail.length > 0,
    );
    const [mail] = (body as { mail: Array<{ to: string; subject: string; html: string }> }).mail;
    expect(mail).toMatchObject({
      to: 'designated-nurse@wakefield.example',
      subject: 'RR-2026-061: briefing <for> you',
    });
    const link = /\/forms\/[A-Za-z0-9_.-]+/.exec(mail!.html)![0];
    const page = await request(bot.server).get(link);
    expect(page.status).toBe(200);
    const answer = await request(bot.server)
      .post(link)
      .send({ verb: NOTICE_VERBS.acknowledge, data: { messageId: id } });
    expect(answer.body).toMatchObject({ message: 'Thank you: acknowledged.' });

    const html = await request(bot.server).get('/dev/outbox');
    expect(html.status).toBe(200);
    expect(html.text).toContain('RR-2026-061: briefing &lt;for&gt; you');
  });

  it('is not served outside local mode', async () => {
    const prod = await openTestRuntime({
      MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555',
      MICROSOFT_APP_PASSWORD: 'secret',
      FORM_TOKEN_SECRET: 'f'.repeat(40),
    });
    const other = await startBot(prod.rt);
    try {
      expect((await request(other.server).get('/dev/outbox.json')).status).toBe(404);
    } finally {
      await other.close();
      await prod.close();
    }
  });
});

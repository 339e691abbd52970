import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { buildNoticeCard, NOTICE_VERBS } from '../../cards/notice';
import { formTokenSecret } from '../../config/env';
import { createMessage } from '../../core/delivery/create-message';
import { Directory } from '../../core/directory/directory';
import { submitForm } from '../../core/forms/submit';
import { issueFormToken, signFormClaims, verifyFormToken } from '../../core/forms/token';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

const A = 'bu-coordinator';
const B = 'qpd-officer';
const RESULTS = path.join(__dirname, '..', '..', 'test-results');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

describe('the emailed web form, on PostgreSQL and in Chromium', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let server: Server;
  let base: string;
  let browser: Browser;
  let secret: string;

  beforeAll(async () => {
    t = await openTestRuntime();
    bot = await startBot(t.rt);
    secret = formTokenSecret(t.rt.env);
    server = bot.server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await t?.close();
  });

  const db = () => t.rt.database.db;

  /** A notice to `recipients`, stored as createMessage stores it, with the card that carries its own id. */
  async function sendNotice(recipients: string[], caseReference: string): Promise<string> {
    const notice = {
      partnership: t.rt.partnership.shortName,
      title: `${caseReference}: learning from a Rapid Review`,
      body: 'Please read the briefing and acknowledge it.',
      caseReference,
    };
    const { messageId } = await createMessage(db(), {
      partnershipId: t.rt.partnership.id,
      kind: 'notice',
      caseReference,
      subject: notice.title,
      summary: notice.body,
      card: buildNoticeCard({ ...notice, messageId: '00000000-0000-4000-8000-000000000000' }),
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients,
    });
    // createMessage chooses the id, so the card that names it is written once the id is known.
    await db()
      .updateTable('messages')
      .set({ card: JSON.stringify(buildNoticeCard({ ...notice, messageId })) })
      .where('id', '=', messageId)
      .execute();
    return messageId;
  }

  const issue = (messageId: string, personId: string, days = t.rt.env.FORM_LINK_DAYS, now?: Date) =>
    issueFormToken(db(), { secret, messageId, personId, days, now });

  const acknowledge = (token: string, messageId: string) =>
    request(server).post(`/forms/${token}`).send({ verb: NOTICE_VERBS.acknowledge, data: { messageId } });

  /** What a refused request must leave untouched: the answer, the audit trail and the token. */
  async function state(messageId: string) {
    const deliveries = await db()
      .selectFrom('deliveries')
      .select(['person_id', 'answered_at'])
      .where('message_id', '=', messageId)
      .orderBy('person_id')
      .execute();
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('subject_id', '=', messageId)
      .where('action', '!=', 'form.opened')
      .execute();
    const tokens = await db()
      .selectFrom('form_tokens')
      .select(['jti', 'used_at'])
      .where('message_id', '=', messageId)
      .orderBy('jti')
      .execute();
    return { deliveries, audit, tokens };
  }

  async function watch(page: Page): Promise<string[]> {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

    return problems;
  }

  it('renders the card, acknowledges through the card-action handler, and refuses a reload', async () => {
    const messageId = await sendNotice([A], 'RR-2026-014');
    const token = await issue(messageId, A);
    const page = await browser.newPage({ viewport: { width: 800, height: 520 } });
    const problems = await watch(page);
    try {
      const opened = await page.goto(`${base}/forms/${token}`);
      expect(opened?.status()).toBe(200);
      const headers = opened!.headers();
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self';/);

      await page.getByText('RR-2026-014', { exact: true }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'web-form-open.png') });
      await page.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByText('Thank you: acknowledged.').waitFor();
      await page.getByText(/^Acknowledged \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/).waitFor();
      expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
      await page.screenshot({ path: path.join(RESULTS, 'web-form.png') });

      const after = await state(messageId);
      expect(after.deliveries).toEqual([{ person_id: A, answered_at: expect.any(Date) }]);
      expect(after.audit).toEqual([{ actor: A, action: 'notice.acknowledged' }]);
      expect(after.tokens).toEqual([{ jti: expect.any(String), used_at: expect.any(Date) }]);
      const details = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('subject_id', '=', messageId)
        .where('action', '=', 'notice.acknowledged')
        .executeTakeFirstOrThrow();
      expect(details.details).toEqual({ channel: 'web' });
      const openings = await db()
        .selectFrom('audit_log')
        .select(['actor', 'details'])
        .where('subject_id', '=', messageId)
        .where('action', '=', 'form.opened')
        .execute();
      expect(openings).toEqual([{ actor: A, details: { channel: 'web' } }]);

      // No console errors, CSP violations or failed loads on the way (the reload's 409 is expected).
      expect(problems).toEqual([]);
      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(409);
      await page.getByText('This form has already been submitted.', { exact: false }).waitFor();
      expect(await page.locator('script').count()).toBe(0);

      const replay = await acknowledge(token, messageId);
      expect(replay.status).toBe(409);
      expect(replay.body).toEqual({ error: expect.stringMatching(/already been submitted/) });
      expect(await state(messageId)).toEqual(after);
    } finally {
      await page.close();
    }
  });

  it('answers a forged token with a 404 page and changes nothing', async () => {
    const messageId = await sendNotice([A, B], 'RR-2026-015');
    const token = await issue(messageId, A);
    const check = verifyFormToken(secret, token);
    if (!check.ok) throw new Error(`fresh token refused: ${check.reason}`);
    const [, signature] = token.split('.');
    const forged = [
      // A's signature on claims rewritten to name B.
      `${Buffer.from(JSON.stringify({ ...check.claims, pid: B })).toString('base64url')}.${signature}`,
      // Well-formed claims signed with a guessed secret.
      signFormClaims('a guessed secret that is thirty-two characters or more', check.claims),
      'not-a-token',
    ];
    const before = await state(messageId);

    const page = await browser.newPage();
    try {
      const res = await page.goto(`${base}/forms/${forged[0]}`);
      expect(res?.status()).toBe(404);
      await page.getByText('This link is not valid.').waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'web-form-refused.png') });
    } finally {
      await page.close();
    }
    for (const f of forged) {
      const get = await request(server).get(`/forms/${f}`);
      expect(get.status).toBe(404);
      expect(get.headers['cache-control']).toBe('no-store');
      expect(get.text).toContain('This link is not valid.');
      const post = await acknowledge(f, messageId);
      expect(post.status).toBe(404);
      expect(post.body).toEqual({ error: 'This link is not valid.' });
    }
    expect(await state(messageId)).toEqual(before);
  });

  it('answers an expired token with 410 and changes nothing', async () => {
    const messageId = await sendNotice([A], 'RR-2026-016');
    const token = await issue(messageId, A, 1, new Date(Date.now() - 3 * 24 * 3600 * 1000));
    const before = await state(messageId);
    const get = await request(server).get(`/forms/${token}`);
    expect(get.status).toBe(410);
    expect(get.text).toContain('This link has expired.');
    const post = await acknowledge(token, messageId);
    expect(post.status).toBe(410);
    expect(await state(messageId)).toEqual(before);
  });

  it('binds a token to its person and message: the handler refuses with 403 and nothing changes', async () => {
    const forA = await sendNotice([A], 'RR-2026-017');
    const forB = await sendNotice([B], 'RR-2026-018');
    const tokenA = await issue(forA, A);
    const tokenBOnA = await issue(forA, B);
    const before = { a: await state(forA), b: await state(forB) };

    const other = await acknowledge(tokenA, forB);
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'This link is for a different message.' });
    const notSent = await acknowledge(tokenBOnA, forA);
    expect(notSent.status).toBe(403);
    expect(notSent.body).toEqual({ error: 'This notice was not sent to you, so you cannot acknowledge it.' });
    expect({ a: await state(forA), b: await state(forB) }).toEqual(before);

    // The refusal rolled back, so A's link still does what it was issued for.
    const own = await acknowledge(tokenA, forA);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ message: 'Thank you: acknowledged.', card: { type: 'AdaptiveCard' } });
    expect((await state(forB)).deliveries).toEqual([{ person_id: B, answered_at: null }]);
  });

  it('takes only the verbs of its own card and a JSON body', async () => {
    const messageId = await sendNotice([A], 'RR-2026-019');
    const token = await issue(messageId, A);
    const before = await state(messageId);
    for (const body of [
      { verb: 'actions.close', data: { messageId } },
      { verb: '', data: { messageId } },
      { verb: NOTICE_VERBS.acknowledge },
      { verb: NOTICE_VERBS.acknowledge, data: [messageId] },
    ]) {
      const res = await request(server).post(`/forms/${token}`).send(body);
      expect(res.status).toBe(400);
    }
    const text = await request(server)
      .post(`/forms/${token}`)
      .set('Content-Type', 'application/json')
      .send('{"verb": ');
    expect(text.status).toBe(400);
    expect(text.body).toEqual({ error: expect.any(String) });
    expect(await state(messageId)).toEqual(before);
  });

  it('lets exactly one of two simultaneous submissions through', async () => {
    const messageId = await sendNotice([A], 'RR-2026-020');
    const token = await issue(messageId, A);
    const statuses = (await Promise.all([acknowledge(token, messageId), acknowledge(token, messageId)])).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([200, 409]);
    expect((await state(messageId)).audit).toEqual([{ actor: A, action: 'notice.acknowledged' }]);
  });

  it('closes the form to someone no longer in the directory', async () => {
    const messageId = await sendNotice([A], 'RR-2026-021');
    const token = await issue(messageId, A);
    const partnership = { ...t.rt.partnership, people: t.rt.partnership.people.filter((p) => p.id !== A) };
    const before = await state(messageId);
    const result = await submitForm(
      { ...bot.services, directory: new Directory(partnership), partnership },
      secret,
      token,
      { verb: NOTICE_VERBS.acknowledge, data: { messageId } },
    );
    expect(result).toEqual({ kind: 'not-in-directory' });
    expect(await state(messageId)).toEqual(before);
  });
});

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { FORUM_VERBS } from '../../cards/forum/verbs';
import { formTokenSecret } from '../../config/env';
import { issueForm } from '../../core/forum/issue';
import { scheduleSession } from '../../core/forum/schedule';
import { issueFormToken } from '../../core/forms/token';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

const RESULTS = path.join(__dirname, '..', '..', 'test-results');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/** A DSL reached by email answers in the web form, changes the answer, and the link stays open to do so. */
describe('the forum opinion form in the web form, in Chromium', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await openTestRuntime();
    bot = await startBot(t.rt);
    base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await t?.close();
  });

  it('takes an answer, replaces it on a second answer, and keeps the link usable until the deadline', async () => {
    const s = bot.services;
    const advisor = t.rt.directory.person('education-advisor')!;
    const scheduled = await scheduleSession(s, advisor, { date: '2026-11-04', halfTerm: 'Autumn 2' });
    const { session } = await issueForm(s, advisor, scheduled.reference);
    const token = await issueFormToken(t.rt.database.db, {
      secret: formTokenSecret(t.rt.env),
      messageId: session.message_id!,
      personId: 'dsl-primary-2',
      days: 14,
    });
    const page = await browser.newPage({ viewport: { width: 800, height: 1100 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      expect((await page.goto(`${base}/forms/${token}`))?.status()).toBe(200);
      await page.getByText('Your answers are anonymous', { exact: false }).waitFor();
      await page
        .getByLabel('Issues and concerns for the partnership')
        .fill('Referral thresholds are unclear.');
      await page.getByLabel('Topics you would like at the next forum').fill('Online safety');
      await page.getByRole('radio', { name: '4', exact: true }).check();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByText('Thank you: your answer is recorded.', { exact: false }).first().waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'forum-web-form.png') });

      await page.getByLabel('Issues and concerns for the partnership').fill('Thresholds are clearer now.');
      await page.getByRole('button', { name: 'Send changed answer' }).click();
      await page
        .getByText('your new answer replaces the one you sent before', { exact: false })
        .first()
        .waitFor();

      // The link is still open: the page shows the current answer, ready to change again.
      expect((await page.reload())?.status()).toBe(200);
      await expect(page.getByLabel('Issues and concerns for the partnership').inputValue()).resolves.toBe(
        'Thresholds are clearer now.',
      );
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
    const answers = await t.rt.database.db
      .selectFrom('forum_answers')
      .select(['issues', 'usefulness', 'person_id'])
      .execute();
    expect(answers).toEqual([{ issues: 'Thresholds are clearer now.', usefulness: 4, person_id: null }]);

    const bad = await request(bot.server)
      .post(`/forms/${token}`)
      .send({ verb: FORUM_VERBS.answer, data: { sessionId: session.id, usefulness: '9' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'How useful was the forum: choose a rating from 1 to 5.' });
    expect(
      await t.rt.database.db
        .selectFrom('forum_answers')
        .select(['issues', 'usefulness', 'person_id'])
        .execute(),
    ).toEqual(answers);
  });
});

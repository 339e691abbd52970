import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { formTokenSecret } from '../../config/env';
import { submitForm } from '../../core/forms/submit';
import type { Queues } from '../../workers/queues';
import { waitUntil } from '../support/wait';
import { RapidReviewHarness } from './harness';

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

describe('an agency lead without Teams answers through the emailed link, in Chromium', () => {
  const h = new RapidReviewHarness();
  let browser: Browser;

  beforeAll(async () => {
    await h.start(['bu-manager', 'hos-quality-learning']);
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h.stop();
  });

  const probation = () =>
    h.db
      .selectFrom('rapid_review_requests')
      .selectAll()
      .where('addressee_id', '=', 'probation-spo')
      .executeTakeFirstOrThrow();

  it('saves a draft (the link stays open), refuses an incomplete submit, then submits once', async () => {
    const opened = await h.press('bu-manager', RR_VERBS.open, {
      messageId: '',
      rr_caseReference: 'RR-2026-031',
      rr_notificationDate: '2026-02-27',
      rr_category: 'death',
      rr_agencyLeads: 'probation-spo',
      rr_chair: 'hos-quality-learning',
    });
    expect(opened.statusCode).toBe(200);
    const [mail] = await waitUntil(
      async () => h.mail.filter((m) => m.to === 'probation-spo@wakefield.example'),
      (m) => m.length === 1,
    );
    expect(mail!.subject).toBe('RR-2026-031: Rapid Review information request');
    const link = /\/forms\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(mail!.html)![0];
    const url = `http://127.0.0.1:${h.bot.port}${link}`;

    const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      expect((await page.goto(url))?.status()).toBe(200);
      await page.getByText('RR-2026-031', { exact: true }).waitFor();
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByText('Period of involvement is needed before you can submit').waitFor();
      expect((await probation()).status).toBe('awaiting');

      await page.getByLabel('Period of involvement').fill('Supervision from June 2025');
      await page.getByLabel('Summary of involvement').fill('Supervision of an adult in the household.');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Draft saved.').waitFor();
      expect(await probation()).toMatchObject({
        status: 'draft',
        answers: {
          involved: 'yes',
          period: 'Supervision from June 2025',
          summary: 'Supervision of an adult in the household.',
        },
      });

      // The link stays open after a draft, and shows the draft.
      expect((await page.reload())?.status()).toBe(200);
      await page.getByText('RR-2026-031', { exact: true }).waitFor();
      expect(await page.getByLabel('Period of involvement').inputValue()).toBe('Supervision from June 2025');
      await page.screenshot({ path: path.join(RESULTS, 'rapid-review-web-form.png'), fullPage: true });

      await page.getByLabel(/may meet the criteria for a local/).selectOption('may-meet');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByText('Thank you: your answer has been submitted.').waitFor();
      expect(await page.getByRole('textbox').count()).toBe(0);
      await page.getByText('Supervision of an adult in the household.').waitFor();
      expect(await probation()).toMatchObject({ status: 'submitted', submitted_by: 'probation-spo' });
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('actor', '=', 'probation-spo')
        .where('action', 'like', 'rapid-review.%')
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'rapid-review.request.draft-saved', details: { channel: 'web' } },
        { action: 'rapid-review.request.submitted', details: { channel: 'web', status: 'submitted' } },
      ]);
      expect((await page.reload())?.status()).toBe(409);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('queues the jobs of a web-form action only once the action is committed', async () => {
    const opened = await h.press('bu-manager', RR_VERBS.open, {
      messageId: '',
      rr_caseReference: 'RR-2026-032',
      rr_notificationDate: '2026-02-27',
      rr_category: 'death',
      rr_agencyLeads: 'dci-safeguarding',
      rr_chair: 'hos-quality-learning',
    });
    expect(opened.statusCode).toBe(200);
    const [mail] = await waitUntil(
      async () => h.mail.filter((m) => m.to === 'dci-safeguarding@wakefield.example'),
      (m) => m.length === 1,
    );
    const token = /\/forms\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail!.html)![1]!;
    const request = await h.db
      .selectFrom('rapid_review_requests as q')
      .innerJoin('rapid_review_messages as m', 'm.request_id', 'q.id')
      .select(['q.id as requestId', 'm.message_id as messageId'])
      .where('q.addressee_id', '=', 'dci-safeguarding')
      .executeTakeFirstOrThrow();
    const real = h.bot.services.queues;
    // What a worker would see at the moment each job reaches Redis (it reads through its own connection).
    const seen: Array<{ name: string; recorded: boolean }> = [];
    const watching: Queues = {
      ...real,
      async enqueue(name, payload, opts) {
        const messageId = (payload as { messageId?: string }).messageId ?? '';
        const row = await h.db
          .selectFrom('rapid_review_messages')
          .select('message_id')
          .where('message_id', '=', messageId)
          .executeTakeFirst();
        seen.push({ name, recorded: row !== undefined });
        return real.enqueue(name, payload, opts);
      },
    };
    const result = await submitForm(
      { ...h.bot.services, queues: watching },
      formTokenSecret(h.t.rt.env),
      token,
      { verb: RR_VERBS.delegate, data: { ...request, rr_delegate: 'di-safeguarding' } },
    );
    expect(result).toMatchObject({ kind: 'card' });
    expect(seen).toEqual([{ name: 'rapid-review-send', recorded: true }]);
  });
});

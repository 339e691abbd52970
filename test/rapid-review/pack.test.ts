import request from 'supertest';
import { formTokenSecret } from '../../config/env';
import { signFormClaims } from '../../core/forms/token';
import { PACK_PURPOSE, signPackClaims } from '../../core/rapid-review/pack/token';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { adaptiveCardProblems } from '../support/cards';
import { waitUntil } from '../support/wait';
import { cardOfMessage, elementsOf, RapidReviewHarness } from './harness';

const REF = 'RR-2026-031';
const HOSTILE =
  '<script>alert("x")</script> **bold** [click](javascript:alert(1)) & <img src=x onerror=alert(2)>';

describe('Rapid Review submission pack: content, links, authorisation and audit', () => {
  const h = new RapidReviewHarness();
  let reviewId: string;
  let trackerId: string;
  const requestOf = new Map<string, { messageId: string; requestId: string }>();
  const db = () => h.db;
  const downloads = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select(db().fn.countAll().as('n'))
          .where('action', '=', 'rapid-review.pack.downloaded')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const secret = () => formTokenSecret(h.t.rt.env);
  const exp = () => Math.floor(Date.now() / 1000) + 3600;

  beforeAll(async () => {
    await h.start([
      'bu-manager',
      'hos-quality-learning',
      'dci-safeguarding',
      'designated-nurse',
      'scrutineer',
    ]);
    const opened = await h.press('bu-manager', RR_VERBS.open, {
      messageId: '',
      rr_caseReference: REF,
      rr_notificationDate: '2026-02-27',
      rr_category: 'death',
      rr_agencyLeads: 'dci-safeguarding,designated-nurse,probation-spo',
      rr_chair: 'hos-quality-learning',
    });
    expect(opened.statusCode).toBe(200);
    const review = await db().selectFrom('rapid_reviews').selectAll().executeTakeFirstOrThrow();
    reviewId = review.id;
    trackerId = review.tracker_message_id!;
    const messages = await waitUntil(
      () => db().selectFrom('rapid_review_messages').selectAll().execute(),
      (rows) => rows.length === 4 && rows.every((r) => r.sent_at !== null),
    );
    const requests = await db().selectFrom('rapid_review_requests').selectAll().execute();
    for (const m of messages.filter((x) => x.request_id)) {
      const r = requests.find((x) => x.id === m.request_id)!;
      requestOf.set(r.addressee_id, { messageId: m.message_id, requestId: r.id });
    }
    const police = await h.press('dci-safeguarding', RR_VERBS.submit, {
      ...requestOf.get('dci-safeguarding')!,
      rr_involved: 'yes',
      rr_period: 'April 2025 to February 2026',
      rr_summary: `Two attendances at the address. ${HOSTILE}`,
      rr_keyEvents: '# not a heading\n- not a list\n1. not a numbered list',
      rr_csprView: 'may-meet',
    });
    expect(police.statusCode).toBe(200);
    const health = await h.press('designated-nurse', RR_VERBS.submit, {
      ...requestOf.get('designated-nurse')!,
      rr_involved: 'no',
    });
    expect(health.statusCode).toBe(200);
    const extended = await h.press('bu-manager', RR_VERBS.extend, {
      messageId: trackerId,
      rapidReviewId: reviewId,
      rr_extendRequest: requestOf.get('probation-spo')!.requestId,
      rr_extendTo: '2026-03-11',
      rr_extendReason: 'Records held off site',
    });
    expect(extended.statusCode).toBe(200);
    const decided = await h.press('hos-quality-learning', RR_VERBS.decide, {
      messageId: trackerId,
      rapidReviewId: reviewId,
      rr_outcome: 'local-review',
      rr_learning: 'Information sharing between health and police.',
      rr_rec1_text: 'Audit information sharing at the front door.',
      rr_rec1_category: 'assurance',
      rr_rec2_text: `Briefing on escalation. ${HOSTILE}`,
      rr_rec2_category: 'workforce-development',
    });
    expect(decided.statusCode).toBe(200);
  }, 90_000);
  afterAll(() => h.stop());

  /** The links in the bot's answer to `rapid review pack`, as paths on the bot. */
  async function packLinks(personId: string): Promise<{ html: string; md: string }> {
    const answer = await h.say(personId, `rapid review pack ${REF}`);
    const urls = [...String(answer.text).matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));
    expect(urls).toHaveLength(2);
    return { html: urls[0]!.pathname + urls[0]!.search, md: urls[1]!.pathname + urls[1]!.search };
  }

  it('collates the review as HTML: every agency, the answers, the decision, the recommendations and the timeline in order', async () => {
    const before = await downloads();
    const { html } = await packLinks('hos-quality-learning');
    expect(html).toMatch(/^\/packs\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const res = await request(h.bot.server).get(html).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${REF}-submission-pack.html"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const body = res.text;
    for (const text of [
      `Rapid Review ${REF}: submission pack`,
      'West Yorkshire Police',
      'NHS West Yorkshire Integrated Care Board',
      'Probation',
      'April 2025 to February 2026',
      'Two attendances at the address.',
      'May meet the criteria',
      'Declined: not involved',
      'Records held off site',
      'Local Child Safeguarding Practice Review recommended',
      'Information sharing between health and police.',
      'Audit information sharing at the front door.',
      'Workforce development',
      'Briefing on escalation.',
    ])
      expect(body).toContain(text);
    const order = [
      'Serious incident notification made',
      'Rapid Review opened by',
      'Information request sent to West Yorkshire Police',
      'West Yorkshire Police submitted its information',
      'NHS West Yorkshire Integrated Care Board answered: not involved',
      'deadline extended from 9 Mar 2026 to 11 Mar 2026',
      'Decision recorded by',
    ].map((t) => body.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await downloads()).toBe(before + 1);
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'rapid-review.pack.downloaded')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor: 'hos-quality-learning',
      subject_type: 'rapid-review',
      subject_id: reviewId,
      details: { format: 'html', channel: 'web' },
    });
  });

  it("places an extension by the business clock's instant, which its audit entry records", async () => {
    const entry = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'rapid-review.deadline-extended')
      .executeTakeFirstOrThrow();
    const extendedAt = (entry.details as { extendedAt?: string }).extendedAt;
    // The harness's clock starts on 2 March 2026, while the entry's own `at` is the database's real time.
    expect(extendedAt?.slice(0, 10)).toBe('2026-03-02');
    const { md } = await packLinks('hos-quality-learning');
    const body = (await request(h.bot.server).get(md).expect(200)).text;
    const police = body.indexOf('West Yorkshire Police submitted its information');
    const extension = body.indexOf('deadline extended from 9 Mar 2026 to 11 Mar 2026');
    expect(police).toBeGreaterThan(0);
    expect(extension).toBeGreaterThan(police);
  });

  it('escapes hostile text in HTML and makes it inert in Markdown', async () => {
    const links = await packLinks('bu-manager');
    const html = (await request(h.bot.server).get(links.html).expect(200)).text;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const md = await request(h.bot.server).get(links.md).expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.headers['content-disposition']).toBe(`attachment; filename="${REF}-submission-pack.md"`);
    expect(md.text).toContain(`# Rapid Review ${REF}: submission pack`);
    expect(md.text).not.toContain('<script>');
    expect(md.text).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md.text).toContain('\\*\\*bold\\*\\* \\[click\\](javascript:alert(1))');
    expect(md.text).toContain('\\# not a heading  \n\\- not a list  \n1\\. not a numbered list');
    expect(md.text).toContain('Audit information sharing at the front door.');
  });

  it('lets the Independent Scrutineer read the pack, and puts the links on the tracker for readers only', async () => {
    const status = cardOfMessage(await h.say('scrutineer', `rapid review status ${REF}`));
    expect(adaptiveCardProblems(status)).toEqual([]);
    const open = elementsOf(status).filter((e) => e.type === 'Action.OpenUrl');
    expect(open.map((e) => e.title)).toEqual(['Submission pack', 'Pack as Markdown']);
    const path = new URL(String(open[0]!.url)).pathname;
    expect((await request(h.bot.server).get(path).expect(200)).text).toContain('Briefing on escalation.');
    const other = await h.press('dci-safeguarding', 'card.refresh', { messageId: trackerId }, 'automatic');
    expect(JSON.stringify(other.value)).not.toContain('/packs/');
    // The copy stored with the message carries nobody's signed links: anyone reading the database could use them.
    const stored = await db()
      .selectFrom('messages')
      .select('card')
      .where('id', '=', trackerId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.card)).not.toContain('/packs/');
  });

  it('refuses a practitioner, a link made for someone who may not read it, and a link altered to someone else', async () => {
    const before = await downloads();
    const refused = await h.say('dci-safeguarding', `rapid review pack ${REF}`);
    expect(refused.text).toMatch(/^I can't give you the submission pack for RR-2026-031/);
    expect(String(refused.text)).not.toContain('/packs/');

    const forPractitioner = signPackClaims(secret(), {
      pur: PACK_PURPOSE,
      rid: reviewId,
      pid: 'hos-localities',
      exp: exp(),
    });
    const res = await request(h.bot.server).get(`/packs/${forPractitioner}`).expect(403);
    expect(res.text).toMatch(/^Only the chair of this Rapid Review/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.text).not.toContain('Two attendances');

    // The chair's own link with its person swapped: the signature no longer matches.
    const { html } = await packLinks('hos-quality-learning');
    const [payload, signature] = html.slice('/packs/'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...claims, pid: 'hos-localities' })).toString('base64url');
    expect((await request(h.bot.server).get(`/packs/${swapped}.${signature}`).expect(404)).text).toBe(
      'This link is not valid.',
    );
    expect(await downloads()).toBe(before);
  });

  it('refuses expired, forged and malformed links and web-form tokens, serving nothing', async () => {
    const before = await downloads();
    const expired = signPackClaims(secret(), {
      pur: PACK_PURPOSE,
      rid: reviewId,
      pid: 'hos-quality-learning',
      exp: Math.floor(new Date('2026-03-01T00:00:00Z').getTime() / 1000),
    });
    expect((await request(h.bot.server).get(`/packs/${expired}`).expect(410)).text).toMatch(/expired/);
    const forged = signPackClaims('another secret', {
      pur: PACK_PURPOSE,
      rid: reviewId,
      pid: 'hos-quality-learning',
      exp: exp(),
    });
    await request(h.bot.server).get(`/packs/${forged}`).expect(404);
    await request(h.bot.server).get('/packs/not-a-token').expect(404);
    // A web-form link for the tracker, signed with the same secret, cannot open the pack.
    const formToken = signFormClaims(secret(), {
      jti: 'x',
      mid: trackerId,
      pid: 'hos-quality-learning',
      exp: exp(),
    });
    await request(h.bot.server).get(`/packs/${formToken}`).expect(404);
    const { html } = await packLinks('bu-manager');
    await request(h.bot.server).get(`${html}?format=pdf`).expect(400);
    expect(await downloads()).toBe(before);
  });
});

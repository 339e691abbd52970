import request from 'supertest';
import { REFRESH_VERB } from '../../core/actions/refresh';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { waitUntil } from '../support/wait';
import { cardText, inputsOf, RapidReviewHarness } from './harness';

const REF = 'RR-2026-041';
const VIEWED = 'rapid-review.request.viewed';

/**
 * Every view of answers is audited (DESIGN §6): a request's draft or submitted answers shown in Teams to its
 * addressee or delegate (the card's refresh, `my requests`) write one `rapid-review.request.viewed` row; the
 * save and submit themselves write only their own change, a card a job pushes to someone's chat nothing, and
 * the emailed link only `form.opened`.
 */
describe('Rapid Review: views of answers in Teams are audited', () => {
  const h = new RapidReviewHarness();
  const ids = new Map<string, { messageId: string; requestId: string }>();

  beforeAll(async () => {
    await h.start(['bu-manager', 'hos-quality-learning', 'dci-safeguarding', 'designated-nurse']);
    const opened = await h.press('bu-manager', RR_VERBS.open, {
      messageId: '',
      rr_caseReference: REF,
      rr_notificationDate: '2026-02-27',
      rr_category: 'serious-harm',
      rr_agencyLeads: 'dci-safeguarding,designated-nurse,probation-spo',
      rr_chair: 'hos-quality-learning',
    });
    expect(opened.statusCode).toBe(200);
    const messages = await waitUntil(
      () =>
        h.db
          .selectFrom('rapid_review_messages as m')
          .innerJoin('rapid_review_requests as r', 'r.id', 'm.request_id')
          .select(['m.message_id', 'm.sent_at', 'r.id as request_id', 'r.addressee_id'])
          .execute(),
      (rows) => rows.length === 3 && rows.every((r) => r.sent_at !== null),
    );
    for (const m of messages) ids.set(m.addressee_id, { messageId: m.message_id, requestId: m.request_id });
    await waitUntil(
      async () => h.mail.filter((m) => m.to === 'probation-spo@wakefield.example'),
      (m) => m.length === 1,
    );
    await waitUntil(
      () =>
        h.db
          .selectFrom('deliveries')
          .select('activity_id')
          .where('person_id', 'in', ['dci-safeguarding', 'designated-nurse'])
          .where('activity_id', 'is not', null)
          .execute(),
      (rows) => rows.length >= 2,
    );
  }, 60_000);
  afterAll(() => h.stop());

  const viewed = () =>
    h.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_type', 'subject_id', 'details'])
      .where('action', '=', VIEWED)
      .orderBy('id')
      .execute();
  const refresh = (personId: string) =>
    h.press(personId, REFRESH_VERB, { messageId: ids.get('dci-safeguarding')!.messageId }, 'automatic');

  it('writes nothing for a request with no answers yet: the empty form shows no answer', async () => {
    const own = await refresh('dci-safeguarding');
    expect(inputsOf(own.value)).toContain('rr_summary');
    const mine = await h.press('dci-safeguarding', RR_VERBS.showRequest, {
      requestId: ids.get('dci-safeguarding')!.requestId,
    });
    expect(mine.statusCode).toBe(200);
    expect(await viewed()).toEqual([]);
  });

  it('audits the draft shown on refresh once, not the save itself, nor the status-only card of someone else', async () => {
    const { messageId, requestId } = ids.get('dci-safeguarding')!;
    const saved = await h.press('dci-safeguarding', RR_VERBS.saveDraft, {
      messageId,
      requestId,
      rr_involved: 'yes',
      rr_summary: 'Two attendances at the address.',
    });
    expect(saved.statusCode).toBe(200);
    // The workers push the updated card to the addressee's chat: that is not a view either.
    await waitUntil(
      async () =>
        h.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === 'a:dci-safeguarding'),
      (puts) => puts.some((c) => JSON.stringify(c.body).includes('Two attendances at the address.')),
    );
    expect(await viewed()).toEqual([]);

    const own = await refresh('dci-safeguarding');
    expect(cardText(own.value)).toContain('Two attendances at the address.');
    expect(await viewed()).toEqual([
      {
        actor: 'dci-safeguarding',
        subject_type: 'rapid-review-request',
        subject_id: requestId,
        details: { channel: 'teams', messageId, status: 'draft' },
      },
    ]);

    const other = await refresh('designated-nurse');
    expect(cardText(other.value)).not.toContain('Two attendances at the address.');
    expect(await viewed()).toHaveLength(1);
  });

  it('audits the draft opened from "my requests" once', async () => {
    const { messageId, requestId } = ids.get('dci-safeguarding')!;
    const before = await viewed();
    const opened = await h.press('dci-safeguarding', RR_VERBS.showRequest, { requestId });
    expect(cardText(opened.value)).toContain('Two attendances at the address.');
    expect((await viewed()).slice(before.length)).toEqual([
      {
        actor: 'dci-safeguarding',
        subject_type: 'rapid-review-request',
        subject_id: requestId,
        details: { channel: 'teams', messageId, status: 'draft' },
      },
    ]);
    const refused = await h.press('designated-nurse', RR_VERBS.showRequest, { requestId });
    expect(refused.statusCode).toBe(403);
    expect(await viewed()).toHaveLength(before.length + 1);
  });

  it('audits the submitted answer shown on refresh, not the submit', async () => {
    const { messageId, requestId } = ids.get('dci-safeguarding')!;
    const before = await viewed();
    const submitted = await h.press('dci-safeguarding', RR_VERBS.submit, {
      messageId,
      requestId,
      rr_involved: 'no',
    });
    expect(submitted.statusCode).toBe(200);
    expect(await viewed()).toEqual(before);
    await refresh('dci-safeguarding');
    expect((await viewed()).slice(before.length)).toEqual([
      {
        actor: 'dci-safeguarding',
        subject_type: 'rapid-review-request',
        subject_id: requestId,
        details: { channel: 'teams', messageId, status: 'declined' },
      },
    ]);
  });

  it('the emailed link audits its opening as form.opened only, with a draft on it', async () => {
    const { messageId, requestId } = ids.get('probation-spo')!;
    const saved = await h.press('probation-spo', RR_VERBS.saveDraft, {
      messageId,
      requestId,
      rr_summary: 'Supervision of an adult in the household.',
    });
    expect(saved.statusCode).toBe(200);
    const before = await viewed();
    const link = /\/forms\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
      h.mail.find((m) => m.to === 'probation-spo@wakefield.example')!.html,
    )![0];
    const page = await request(h.bot.server).get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Supervision of an adult in the household.');
    expect(await viewed()).toEqual(before);
    const opened = await h.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_id'])
      .where('action', '=', 'form.opened')
      .execute();
    expect(opened).toEqual([{ actor: 'probation-spo', subject_id: messageId }]);
  });
});

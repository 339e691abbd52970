import { sql } from 'kysely';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import {
  eraseExpiredRapidReviews,
  RETENTION_BATCH,
  retentionCutoff,
} from '../../core/retention/rapid-reviews';
import { masa } from '../support/masa-cli';
import { waitUntil } from '../support/wait';
import { RapidReviewHarness } from '../rapid-review/harness';

const OLD = 'RR-2026-101';
const DECIDED_LATER = 'RR-2026-102';
const RECENT = 'RR-2026-103';

describe('retention: Rapid Reviews past the partnership’s caseYears are erased by a job', () => {
  const h = new RapidReviewHarness();
  const db = () => h.db;
  const services = () => ({ db: h.db, partnership: h.t.rt.partnership, logger: h.t.rt.logger });
  const reviewId = new Map<string, string>();
  const messageIds = new Map<string, string[]>();
  let oldRequest: { messageId: string; requestId: string };

  async function open(ref: string): Promise<void> {
    const opened = await h.press('bu-manager', RR_VERBS.open, {
      messageId: '',
      rr_caseReference: ref,
      rr_notificationDate: '2026-02-27',
      rr_category: 'serious-harm',
      rr_agencyLeads: 'dci-safeguarding,designated-nurse',
      rr_chair: 'hos-quality-learning',
    });
    expect(opened.statusCode).toBe(200);
    const review = await db()
      .selectFrom('rapid_reviews')
      .selectAll()
      .where('case_reference', '=', ref)
      .executeTakeFirstOrThrow();
    reviewId.set(ref, review.id);
    // Request to the police lead (Teams), the nurse (email, so a web-form link) and the tracker.
    const sent = await waitUntil(
      () =>
        db()
          .selectFrom('rapid_review_messages')
          .selectAll()
          .where('rapid_review_id', '=', review.id)
          .execute(),
      (rows) => rows.length === 3 && rows.every((r) => r.sent_at !== null),
    );
    messageIds.set(
      ref,
      sent.map((m) => m.message_id),
    );
  }

  /** Moves a review's history back in time, as if it had happened `years` ago. */
  async function age(ref: string, years: number, decidedYearsAgo = years): Promise<void> {
    const id = reviewId.get(ref)!;
    await sql`UPDATE rapid_reviews SET created_at = created_at - make_interval(years => ${years}),
      requests_closed_at = requests_closed_at - make_interval(years => ${years}) WHERE id = ${id}`.execute(
      db(),
    );
    await sql`UPDATE rapid_review_decisions SET decided_at = decided_at - make_interval(years => ${decidedYearsAgo})
      WHERE rapid_review_id = ${id}`.execute(db());
  }

  async function decide(ref: string): Promise<void> {
    const review = await db()
      .selectFrom('rapid_reviews')
      .selectAll()
      .where('id', '=', reviewId.get(ref)!)
      .executeTakeFirstOrThrow();
    const decided = await h.press('hos-quality-learning', RR_VERBS.decide, {
      messageId: review.tracker_message_id!,
      rapidReviewId: review.id,
      rr_outcome: 'local-review',
      rr_learning: 'Information sharing between health and police.',
      rr_rec1_text: 'Audit information sharing at the front door.',
      rr_rec1_category: 'assurance',
    });
    expect(decided.statusCode).toBe(200);
  }

  const count = async (
    table: 'rapid_review_requests' | 'rapid_review_messages' | 'rapid_review_recommendations',
    ref: string,
  ) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select(db().fn.countAll().as('n'))
          .where('rapid_review_id', '=', reviewId.get(ref)!)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    await h.start(['bu-manager', 'hos-quality-learning', 'dci-safeguarding']);
    for (const ref of [OLD, DECIDED_LATER, RECENT]) await open(ref);
    const [police] = await db()
      .selectFrom('rapid_review_requests as q')
      .innerJoin('rapid_review_messages as m', 'm.request_id', 'q.id')
      .select(['q.id as requestId', 'm.message_id as messageId'])
      .where('q.rapid_review_id', '=', reviewId.get(OLD)!)
      .where('q.addressee_id', '=', 'dci-safeguarding')
      .execute();
    oldRequest = police!;
    const answered = await h.press('dci-safeguarding', RR_VERBS.submit, {
      ...oldRequest,
      rr_involved: 'yes',
      rr_period: 'April 2025 to February 2026',
      rr_summary: 'Two attendances at the address.',
      rr_csprView: 'may-meet',
    });
    expect(answered.statusCode).toBe(200);
    await decide(OLD);
    await decide(DECIDED_LATER);
    // The decisions hand their recommendations to routing; wait for both to be routed.
    await waitUntil(
      () => db().selectFrom('recommendations').select('stage').where('source', '=', 'rapid-review').execute(),
      (rows) => rows.length === 2 && rows.every((r) => r.stage !== 'submitted'),
    );
    await age(OLD, 8);
    await age(DECIDED_LATER, 8, 6);
  }, 120_000);
  afterAll(() => h.stop());

  it('counts caseYears back by the calendar in the partnership’s time zone', () => {
    const s = services();
    expect(s.partnership.retention.caseYears).toBe(7);
    expect(retentionCutoff(s, new Date('2026-03-02T10:00:00Z')).toISOString()).toBe(
      '2019-03-02T10:00:00.000Z',
    );
    // 29 February 2028, seven years back, is the last day of February 2021.
    expect(retentionCutoff(s, new Date('2028-02-29T12:00:00Z')).toISOString()).toBe(
      '2021-02-28T12:00:00.000Z',
    );
  });

  it('masa retention due lists what the job will erase, with dates, before it does', async () => {
    const due = (within: string, ...more: string[]) =>
      masa(
        [
          'retention',
          'due',
          '--partnership',
          'wakefield',
          '--as-of',
          '2026-03-02',
          '--within',
          within,
          ...more,
        ],
        {
          DATABASE_URL: h.t.schema.url,
        },
      );
    const soon = await due('300');
    expect(soon).toMatchObject({ code: 0, stderr: '' });
    expect(soon.stdout.trim().split('\n')).toEqual([
      'case_reference,last_activity,erased_from',
      `${OLD},2018-03-02,2025-03-02`,
    ]);
    const year = await due('400', '--format', 'json');
    expect(JSON.parse(year.stdout)).toEqual([
      { caseReference: OLD, lastActivity: '2018-03-02', erasedFrom: '2025-03-02' },
      { caseReference: DECIDED_LATER, lastActivity: '2020-03-02', erasedFrom: '2027-03-02' },
    ]);
    const bad = await due('a year');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--within: "a year" is not a number of days');
  }, 60_000);

  it('erases an expired review with its answers, decision, messages, deliveries and form links, and audits it', async () => {
    const old = reviewId.get(OLD)!;
    const oldMessages = messageIds.get(OLD)!;
    expect(await count('rapid_review_requests', OLD)).toBe(2);
    const deliveriesBefore = await db()
      .selectFrom('deliveries')
      .select('id')
      .where('message_id', 'in', oldMessages)
      .execute();
    expect(deliveriesBefore.length).toBeGreaterThanOrEqual(3);
    const tokensBefore = await db()
      .selectFrom('form_tokens')
      .select('jti')
      .where('message_id', 'in', oldMessages)
      .execute();
    expect(tokensBefore.length).toBeGreaterThan(0);
    await db()
      .insertInto('rapid_review_card_refreshes')
      .values({ partnership_id: 'wakefield', rapid_review_id: old, request_id: oldRequest.requestId })
      .execute();

    const result = await eraseExpiredRapidReviews(services(), h.t.rt.now());

    expect(result.erased).toBe(1);
    expect(await db().selectFrom('rapid_reviews').select('id').where('id', '=', old).execute()).toEqual([]);
    for (const table of [
      'rapid_review_requests',
      'rapid_review_messages',
      'rapid_review_recommendations',
    ] as const)
      expect(await count(table, OLD)).toBe(0);
    expect(
      await db()
        .selectFrom('rapid_review_decisions')
        .select('rapid_review_id')
        .where('rapid_review_id', '=', old)
        .execute(),
    ).toEqual([]);
    expect(await db().selectFrom('messages').select('id').where('id', 'in', oldMessages).execute()).toEqual(
      [],
    );
    expect(
      await db().selectFrom('deliveries').select('id').where('message_id', 'in', oldMessages).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('form_tokens').select('jti').where('message_id', 'in', oldMessages).execute(),
    ).toEqual([]);
    expect(
      await db()
        .selectFrom('rapid_review_card_refreshes')
        .select('id')
        .where('rapid_review_id', '=', old)
        .execute(),
    ).toEqual([]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'subject_type', 'details'])
      .where('action', '=', 'rapid-review.erased')
      .execute();
    expect(audit).toEqual([
      {
        actor: 'system:retention',
        subject_type: 'rapid-review',
        details: { caseReference: OLD, reason: 'retention', caseYears: 7 },
      },
    ]);
  });

  it('keeps a review whose decision is inside the period, a recent one, and the routed recommendations', async () => {
    for (const ref of [DECIDED_LATER, RECENT]) {
      expect(
        await db().selectFrom('rapid_reviews').select('id').where('id', '=', reviewId.get(ref)!).execute(),
      ).toHaveLength(1);
      expect(await count('rapid_review_requests', ref)).toBe(2);
      expect(
        await db().selectFrom('messages').select('id').where('id', 'in', messageIds.get(ref)!).execute(),
      ).toHaveLength(3);
    }
    const routed = await db()
      .selectFrom('recommendations')
      .select(['case_reference', 'action_id'])
      .where('source', '=', 'rapid-review')
      .orderBy('case_reference')
      .execute();
    expect(routed.map((r) => r.case_reference)).toEqual([OLD, DECIDED_LATER]);
    expect((await eraseExpiredRapidReviews(services(), h.t.rt.now())).erased).toBe(0);
  });

  it('answers a press on an erased review’s card plainly, changing nothing', async () => {
    const before = await db()
      .selectFrom('audit_log')
      .select(db().fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await h.press('dci-safeguarding', RR_VERBS.submit, { ...oldRequest, rr_involved: 'no' });
    expect(res.statusCode).toBe(404);
    expect(JSON.stringify(res.value)).toContain('This request no longer exists.');
    const after = await db()
      .selectFrom('audit_log')
      .select(db().fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it(`works through a backlog larger than one round (${RETENTION_BATCH} reviews a transaction)`, async () => {
    const n = RETENTION_BATCH * 2 + 7;
    await sql`INSERT INTO rapid_reviews (id, partnership_id, case_reference, notification_date, category, chair_id,
        opened_by, opened_on, panel_deadline, created_at)
      SELECT gen_random_uuid()::text, 'wakefield', 'RR-2010-' || lpad(i::text, 3, '0'), '2010-01-04', 'death',
        'hos-quality-learning', 'bu-manager', '2010-01-05', '2010-01-25', '2010-01-05T10:00:00Z'::timestamptz
      FROM generate_series(1, ${n}::int) AS i`.execute(db());
    // Another partnership's old review is not this partnership's to erase.
    await sql`INSERT INTO rapid_reviews (id, partnership_id, case_reference, notification_date, category, chair_id,
        opened_by, opened_on, panel_deadline, created_at)
      VALUES (gen_random_uuid()::text, 'norfolk', 'RR-2010-900', '2010-01-04', 'death', 'chair', 'bu', '2010-01-05',
        '2010-01-25', '2010-01-05T10:00:00Z')`.execute(db());

    expect((await eraseExpiredRapidReviews(services(), h.t.rt.now())).erased).toBe(n);
    const left = await db()
      .selectFrom('rapid_reviews')
      .select(['partnership_id', 'case_reference'])
      .where('case_reference', 'like', 'RR-2010-%')
      .execute();
    expect(left).toEqual([{ partnership_id: 'norfolk', case_reference: 'RR-2010-900' }]);
  });

  it('runs as the hourly retention-sweep job', async () => {
    await sql`INSERT INTO rapid_reviews (id, partnership_id, case_reference, notification_date, category, chair_id,
        opened_by, opened_on, panel_deadline, created_at)
      VALUES (gen_random_uuid()::text, 'wakefield', 'RR-2011-001', '2011-01-04', 'death', 'hos-quality-learning',
        'bu-manager', '2011-01-05', '2011-01-25', '2011-01-05T10:00:00Z')`.execute(db());
    await h.workers.queues.enqueue(
      'retention-sweep',
      { partnershipId: 'wakefield' },
      { jobId: 'retention-test-1' },
    );
    await waitUntil(
      () =>
        db().selectFrom('rapid_reviews').select('id').where('case_reference', '=', 'RR-2011-001').execute(),
      (rows) => rows.length === 0,
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'rapid-review.erased')
      .where(sql<string>`details->>'caseReference'`, '=', 'RR-2011-001')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

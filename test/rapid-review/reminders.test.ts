import { openRapidReview } from '../../core/rapid-review/open';
import { buildTimeline } from '../../core/rapid-review/pack/timeline';
import { runRapidReviewSweep } from '../../core/rapid-review/sweep';
import { renderTrackerCard } from '../../core/rapid-review/views';
import type { Services } from '../../core/services/services';
import { waitUntil } from '../support/wait';
import { cardText, RapidReviewHarness } from './harness';

describe('Rapid Review reminders and recovery, rebuilt from PostgreSQL', () => {
  const h = new RapidReviewHarness();
  let reviewId: string;

  beforeAll(async () => {
    await h.start(['bu-manager', 'hos-quality-learning', 'dci-safeguarding'], {}, { workers: false });
  }, 60_000);
  afterAll(() => h.stop());

  const at = (iso: string): Services => ({ ...h.bot.services, now: () => new Date(iso) });
  const db = () => h.db;
  const person = (id: string) => h.t.rt.directory.person(id)!;
  const purposes = async () =>
    (
      await db()
        .selectFrom('rapid_review_messages')
        .select(['purpose', 'recipients'])
        .where('purpose', 'like', 'reminder%')
        .orderBy('created_at')
        .execute()
    ).map((m) => `${m.purpose}:${m.recipients.join(',')}`);

  it('loses nothing when the send jobs are lost: the sweep queues them again from PostgreSQL', async () => {
    const opened = await openRapidReview(
      at('2026-03-02T10:00:00Z'),
      person('bu-manager'),
      {
        caseReference: 'RR-2026-020',
        notificationDate: '2026-02-27',
        category: 'death',
        agencyLeads: ['dci-safeguarding', 'probation-spo'],
        chairId: 'hos-quality-learning',
      },
      'teams',
    );
    if ('kind' in opened) throw new Error(opened.message);
    reviewId = opened.reviewId;
    // Redis loses every queued job of this feature before a worker sees it.
    await h.bot.services.queues.queue('rapid-review').obliterate({ force: true });
    await h.startWorkers();
    expect(await runRapidReviewSweep(at('2026-03-02T10:00:10Z'))).toMatchObject({ requeued: 0 });
    expect(await runRapidReviewSweep(at('2026-03-02T10:01:00Z'))).toMatchObject({ requeued: 3 });
    await waitUntil(
      () => db().selectFrom('rapid_review_messages').select('sent_at').execute(),
      (rows) => rows.length === 3 && rows.every((r) => r.sent_at !== null),
    );
    await waitUntil(
      async () => h.mail.filter((m) => m.to === 'probation-spo@wakefield.example'),
      (m) => m.length === 1,
    );
    await waitUntil(
      async () => h.connector.calls.filter((c) => c.conversationId === 'a:dci-safeguarding'),
      (calls) => calls.length === 1,
    );
  });

  it('reminds one working day before the deadline, at the start of working hours', async () => {
    expect(await runRapidReviewSweep(at('2026-03-05T16:00:00Z'))).toMatchObject({ reminded: 0 });
    expect(await runRapidReviewSweep(at('2026-03-06T09:01:00Z'))).toMatchObject({ reminded: 2 });
    expect(await purposes()).toEqual(['reminder-before:dci-safeguarding', 'reminder-before:probation-spo']);
    // The same moment again does nothing: the claim moved next_reminder_at on.
    expect(await runRapidReviewSweep(at('2026-03-06T09:02:00Z'))).toMatchObject({ reminded: 0 });
    const mail = await waitUntil(
      async () => h.mail.filter((m) => m.to === 'probation-spo@wakefield.example'),
      (m) => m.length === 2,
    );
    expect(mail[1]!.subject).toBe('RR-2026-020: Rapid Review information request due tomorrow');
  });

  it('stops for answered requests, waits for working hours, then records overdue on the tracker', async () => {
    await db()
      .updateTable('rapid_review_requests')
      .set({ status: 'submitted', answers: JSON.stringify({ involved: 'no' }) })
      .where('addressee_id', '=', 'dci-safeguarding')
      .execute();
    // Monday 9 March, the deadline, but after hours: the on-day reminder waits for the next working moment.
    expect(await runRapidReviewSweep(at('2026-03-09T18:00:00Z'))).toMatchObject({
      cleared: 1,
      deferred: 1,
      reminded: 0,
    });
    const probation = () =>
      db()
        .selectFrom('rapid_review_requests')
        .selectAll()
        .where('addressee_id', '=', 'probation-spo')
        .executeTakeFirstOrThrow();
    expect((await probation()).next_reminder_at).toEqual(new Date('2026-03-10T09:00:00Z'));
    // By then the deadline has passed: only the latest moment counts, so it is recorded as overdue.
    expect(await runRapidReviewSweep(at('2026-03-10T09:30:00Z'))).toMatchObject({ overdue: 1, reminded: 0 });
    expect(await probation()).toMatchObject({ overdue_at: expect.any(Date), next_reminder_at: null });
    const overdueAudit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'subject_id'])
      .where('action', '=', 'rapid-review.request.overdue')
      .execute();
    expect(overdueAudit).toEqual([
      { actor: 'system:rapid-review-sweep', subject_id: (await probation()).id },
    ]);
    const review = await db()
      .selectFrom('rapid_reviews')
      .selectAll()
      .where('id', '=', reviewId)
      .executeTakeFirstOrThrow();
    const tracker = await renderTrackerCard(at('2026-03-10T09:30:00Z'), review, person('bu-manager'));
    expect(cardText(tracker)).toContain('"text":"Overdue"');
    expect(cardText(tracker)).toContain('1 working day overdue');
  });

  it('stops re-sending a message nobody it was for is still in the directory for, and says so in the pack', async () => {
    const messageId = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const request = await db()
      .selectFrom('rapid_review_requests')
      .select('id')
      .where('rapid_review_id', '=', reviewId)
      .where('addressee_id', '=', 'probation-spo')
      .executeTakeFirstOrThrow();
    // A chase recorded for someone since removed from the partnership file.
    await db()
      .insertInto('rapid_review_messages')
      .values({
        message_id: messageId,
        rapid_review_id: reviewId,
        request_id: request.id,
        purpose: 'chase',
        recipients: JSON.stringify(['left-the-partnership']),
        created_by: 'bu-manager',
        sent_at: null,
        created_at: new Date('2026-03-10T09:00:00Z'),
      })
      .execute();
    const row = () =>
      db()
        .selectFrom('rapid_review_messages')
        .selectAll()
        .where('message_id', '=', messageId)
        .executeTakeFirstOrThrow();
    expect(await runRapidReviewSweep(at('2026-03-10T09:31:00Z'))).toMatchObject({ requeued: 1 });
    expect(await waitUntil(row, (r) => r.skipped !== null)).toMatchObject({
      skipped: 'NO_RECIPIENT',
      sent_at: null,
    });
    expect(await runRapidReviewSweep(at('2026-03-10T09:32:00Z'))).toMatchObject({ requeued: 0 });
    expect(await db().selectFrom('messages').select('id').where('id', '=', messageId).execute()).toEqual([]);
    const [entry] = buildTimeline({
      timeZone: 'Europe/London',
      notificationDate: '2026-02-27',
      opened: { at: new Date('2026-03-02T10:00:00Z'), by: 'BU', panelDeadline: '2026-03-20' },
      messages: [
        {
          at: new Date('2026-03-10T09:00:00Z'),
          agency: 'Probation',
          purpose: 'chase',
          recipients: ['?'],
          sent: false,
          skipped: true,
        },
      ],
      answers: [],
      extensions: [],
      overdue: [],
      formatDate: (iso) => iso,
      formatInstant: (at) => at.toISOString(),
    }).filter((e) => e.event.includes('chased'));
    expect(entry?.event).toBe(
      'Probation chased for its answer (not sent: nobody it was for is in the directory)',
    );
  });
});

import { openRapidReview } from '../../core/rapid-review/open';
import { storeAnswerIfOpen } from '../../core/rapid-review/answer-store';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

describe('the one-statement answer (a prepared statement) across a schema change', () => {
  let t: TestRuntime;
  let queues: Queues;
  let s: Services;

  beforeAll(async () => {
    t = await openTestRuntime({ CLOCK_START: '2026-03-02T10:00:00Z' });
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  it('keeps saving after a migration adds a column, on connections that prepared it before', async () => {
    const opened = await openRapidReview(
      s,
      s.directory.person('bu-manager')!,
      {
        caseReference: 'RR-2026-031',
        notificationDate: '2026-02-27',
        category: 'death',
        agencyLeads: ['dci-safeguarding'],
        chairId: 'hos-quality-learning',
      },
      'teams',
    );
    if ('kind' in opened) throw new Error(opened.message);
    const { request_id, message_id } = await s.db
      .selectFrom('rapid_review_messages')
      .select(['request_id', 'message_id'])
      .where('rapid_review_id', '=', opened.reviewId)
      .where('purpose', '=', 'request')
      .executeTakeFirstOrThrow();
    const save = (summary: string) =>
      storeAnswerIfOpen(s, {
        messageId: message_id,
        requestId: request_id!,
        personId: 'dci-safeguarding',
        answers: { involved: 'yes', summary },
        status: 'draft',
        now: s.now(),
        audit: { action: 'rapid-review.request.draft-saved', details: { channel: 'teams' } },
      });

    // One at a time, so the pool hands the same connection (which has prepared the statement) back.
    expect((await save('first'))?.request.answers).toEqual({ involved: 'yes', summary: 'first' });
    await s.db.schema.alterTable('rapid_review_requests').addColumn('added_later', 'text').execute();
    await s.db.schema.alterTable('rapid_reviews').addColumn('added_later', 'text').execute();
    const after = await save('second');
    expect(after?.request.answers).toEqual({ involved: 'yes', summary: 'second' });
    expect(after?.review.case_reference).toBe('RR-2026-031');
    expect(after?.request).not.toHaveProperty('added_later');
  });
});

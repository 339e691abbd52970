import { issueForm } from '../../core/forum/issue';
import { scheduleSession } from '../../core/forum/schedule';
import { closeSession, FORUM_REPORT_KIND, runForumSweep } from '../../core/forum/sweep';
import { sessionById } from '../../core/forum/sessions-store';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { at } from './helpers';

/** Closing a form is one commit and then two steps (the Teams copies, the report): a crash between them loses nothing. */
describe('forum closing survives a crash after its commit', () => {
  let t: TestRuntime;
  let queues: Queues;
  let s: Services;

  beforeAll(async () => {
    t = await openTestRuntime();
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  async function openSession(date: string) {
    const advisor = s.directory.person('education-advisor')!;
    const scheduled = await scheduleSession(s, advisor, { date, halfTerm: 'Spring 1' });
    const { session } = await issueForm(at(s, '2027-01-11T10:00:00Z'), advisor, scheduled.reference);
    return session;
  }

  const reports = (sessionId: string) =>
    t.rt.database.db
      .selectFrom('forum_messages')
      .leftJoin('messages', 'messages.id', 'forum_messages.message_id')
      .select(['forum_messages.message_id', 'messages.kind', 'messages.recipients'])
      .where('forum_messages.session_id', '=', sessionId)
      .where('forum_messages.purpose', '=', 'report')
      .execute();

  it('records the report with the close, and sends it once', async () => {
    const session = await openSession('2027-01-20');
    expect(await closeSession(at(s, '2027-01-26T17:00:00Z'), session)).toBe(true);
    const sent = await reports(session.id);
    expect(sent).toEqual([{ message_id: sent[0]!.message_id, kind: FORUM_REPORT_KIND, recipients: 1 }]);
    expect(await runForumSweep(at(s, '2027-01-26T17:05:00Z'))).toMatchObject({ repaired: 0 });
    expect(await reports(session.id)).toHaveLength(1);
  });

  it('sends the report the issuer never got, once the worker that closed the form has had its minute', async () => {
    const session = await openSession('2027-01-21');
    // What a crash right after the close commits leaves: closed, the report recorded but not sent.
    const closedAt = new Date('2027-01-27T17:00:00Z');
    await t.rt.database.db
      .updateTable('forum_sessions')
      .set({ status: 'closed', closed_at: closedAt, respondent_salt: null })
      .where('id', '=', session.id)
      .execute();
    await t.rt.database.db
      .insertInto('forum_messages')
      .values({
        message_id: '7b3f0c52-5a3e-4b8e-9d2f-0c1e2a3b4c5d',
        session_id: session.id,
        purpose: 'report',
        reminder_offset: null,
      })
      .execute();

    expect(await runForumSweep(at(s, '2027-01-27T17:00:30Z'))).toMatchObject({ repaired: 0 });
    expect(await reports(session.id)).toEqual([
      { message_id: '7b3f0c52-5a3e-4b8e-9d2f-0c1e2a3b4c5d', kind: null, recipients: null },
    ]);

    expect(await runForumSweep(at(s, '2027-01-27T17:02:00Z'))).toMatchObject({ repaired: 1 });
    expect(await reports(session.id)).toEqual([
      { message_id: '7b3f0c52-5a3e-4b8e-9d2f-0c1e2a3b4c5d', kind: FORUM_REPORT_KIND, recipients: 1 },
    ]);
    const deliveries = await t.rt.database.db
      .selectFrom('deliveries')
      .select('person_id')
      .where('message_id', '=', '7b3f0c52-5a3e-4b8e-9d2f-0c1e2a3b4c5d')
      .execute();
    expect(deliveries).toEqual([{ person_id: 'education-advisor' }]);
    expect(await runForumSweep(at(s, '2027-01-27T17:03:00Z'))).toMatchObject({ repaired: 0 });
    expect((await sessionById(s.db, s.partnership.id, session.id))?.status).toBe('closed');
  });
});

import { sql } from 'kysely';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { FORUM_VERBS } from '../../cards/forum/verbs';
import { saveConversationReference } from '../../core/conversations/store';
import { issueForm } from '../../core/forum/issue';
import { runForumSweep } from '../../core/forum/sweep';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { teamsCardAction, teamsMessage } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { at, teamsReference, WAKEFIELD_DSLS } from './helpers';

/**
 * The whole loop on real PostgreSQL and Redis with the fake Bot Connector: the advisor schedules a
 * forum in Teams, the form goes to every DSL and deputy, answers (and a changed answer) come back,
 * the sweep reminds those who have not answered, closes the form at its deadline and refuses a late
 * answer, and the advisor reads the report and sends "you said, we did".
 */
describe('DSL forum: fan-out, answers, reminders and closing', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  let w: WorkerProcess;
  const connector = new FakeConnector();
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });
  const advisor = user('education-advisor');
  const DSL_CONVERSATIONS = new Set<string>(WAKEFIELD_DSLS.map((p) => `a:${p}`));

  beforeAll(async () => {
    await connector.start();
    // Wednesday 18 November 2026, 10:00 in London: the bot and the workers live at this moment.
    t = await openTestRuntime({
      PARTNERSHIP: presetWithObjectIds('wakefield'),
      CLOCK_START: '2026-11-18T10:00:00Z',
      TEAMS_SERVICE_URL: connector.url + '/',
    });
    for (const p of [...WAKEFIELD_DSLS, 'education-advisor'])
      await saveConversationReference(t.rt.database.db, {
        partnershipId: 'wakefield',
        personId: p,
        reference: teamsReference(p, connector.url),
      });
    bot = await startBot(t.rt);
    w = await startWorkerProcess(t.rt);
  });
  afterAll(async () => {
    await w?.close();
    await bot?.close();
    await t?.close();
    await connector.stop();
  });

  const db = () => t.rt.database.db;
  const post = (activity: object) => request(bot.server).post('/api/messages').send(activity);
  const posts = (pred: (c: ConnectorCall) => boolean) =>
    connector.calls.filter((c) => c.method === 'POST' && pred(c));
  const cardOf = (c: ConnectorCall) =>
    (c.body.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
  const answerRows = () =>
    db()
      .selectFrom('forum_answers')
      .select(['person_id', 'school_id', 'phase', 'submitted_at', 'respondent_key', 'usefulness', 'issues'])
      .execute();
  const answer = (personId: string, data: Record<string, unknown>) =>
    post(teamsCardAction(connector.url, user(personId), { verb: FORUM_VERBS.answer, data }));

  let sessionId = '';
  let formMessageId = '';

  it('lets the advisor schedule a session by command, and refuses a bad date by name', async () => {
    const bad = await post(teamsMessage(connector.url, advisor, 'forum schedule 2026-02-30 Autumn 2'));
    expect(bad.status).toBe(200);
    const refusal = await connector.waitForCalls(1);
    expect(refusal[0]!.body.text).toBe('Date: expected a real date as YYYY-MM-DD, e.g. 2026-10-14.');
    expect(await db().selectFrom('forum_sessions').selectAll().execute()).toEqual([]);

    await post(
      teamsMessage(
        connector.url,
        advisor,
        'forum schedule 2026-11-04 Autumn 2026, second half https://example.org/rec',
      ),
    );
    const calls = await connector.waitForCalls(2);
    expect(calls[1]!.body.text).toBe('Scheduled FORUM-2026-11-04 on 4 Nov 2026.');
    expect(adaptiveCardProblems(cardOf(calls[1]!))).toEqual([]);
    const session = await db().selectFrom('forum_sessions').selectAll().executeTakeFirstOrThrow();
    expect(session).toMatchObject({
      reference: 'FORUM-2026-11-04',
      title: 'Designated Safeguarding Lead Forum: Autumn 2026, second half',
      recording_url: 'https://example.org/rec',
      status: 'scheduled',
      created_by: 'education-advisor',
    });
    sessionId = session.id;

    // A DSL cannot schedule; the command is refused in a sentence and nothing is added.
    await post(teamsMessage(connector.url, user('dsl-primary-1'), 'forum schedule 2026-11-05 Autumn 2'));
    const [, , dslCall] = await connector.waitForCalls(3);
    expect(dslCall!.body.text).toMatch(/Only the Safeguarding Education Advisor or the business unit/);
    expect(await db().selectFrom('forum_sessions').select('id').execute()).toHaveLength(1);
  });

  it('sends the form to every DSL and deputy, once each, with the progress card for the advisor', async () => {
    connector.calls.splice(0);
    // Issued on Thursday 5 November: closes 10 working days later, Thursday 19 November at 17:00.
    const { session, recipients } = await issueForm(
      at(bot.services, '2026-11-05T10:00:00Z'),
      t.rt.directory.person('education-advisor')!,
      'FORUM-2026-11-04',
    );
    expect(recipients).toBe(5);
    expect(session.deadline_at?.toISOString()).toBe('2026-11-19T17:00:00.000Z');
    formMessageId = session.message_id!;
    await waitUntil(
      async () => posts((c) => c.conversationId !== 'a:education-advisor').length,
      (n) => n >= 5,
    );
    const forms = posts((c) => c.conversationId !== 'a:education-advisor');
    expect(forms.map((c) => c.conversationId).sort()).toEqual(WAKEFIELD_DSLS.map((p) => `a:${p}`));
    const card = cardOf(forms[0]!);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(FORUM_VERBS.answer);
    expect(JSON.stringify(card)).toContain('Your answers are anonymous');
    expect(posts((c) => c.conversationId === 'a:education-advisor')).toHaveLength(1);
    const deliveries = await waitUntil(
      () =>
        db().selectFrom('deliveries').select(['status']).where('message_id', '=', formMessageId).execute(),
      (rows) => rows.every((r) => r.status === 'delivered'),
    );
    expect(deliveries).toHaveLength(5);

    // Issuing twice is refused.
    await expect(
      issueForm(bot.services, t.rt.directory.person('education-advisor')!, 'FORUM-2026-11-04'),
    ).rejects.toThrow('has already been issued');
  });

  it('records an answer, replaces it on a second answer and says so, and refuses bad input by field', async () => {
    const first = await answer('dsl-primary-1', {
      sessionId,
      successes: 'Operation Encompass calls come in before school.',
      issues: 'Referrals to the front door at Example Primary School 1 take weeks.',
      topics: 'Online safety',
      usefulness: '4',
      consent: 'true',
    });
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(adaptiveCardProblems(first.body.value)).toEqual([]);
    expect(JSON.stringify(first.body.value)).toContain('Thank you: your answer is recorded.');

    const second = await answer('dsl-primary-1', {
      sessionId,
      issues: 'Threshold decisions differ.',
      usefulness: 5,
    });
    expect(JSON.stringify(second.body.value)).toContain('your new answer replaces the one you sent before');
    const rows = await answerRows();
    expect(rows).toEqual([
      {
        person_id: null,
        school_id: null,
        phase: null,
        submitted_at: null,
        respondent_key: expect.any(String),
        usefulness: 5,
        issues: 'Threshold decisions differ.',
      },
    ]);

    for (const [data, message] of [
      [{ sessionId, usefulness: '7' }, 'How useful was the forum: choose a rating from 1 to 5.'],
      [{ sessionId }, 'How useful was the forum: choose a rating from 1 to 5.'],
      [
        { sessionId, usefulness: '3', issues: 'x'.repeat(2001) },
        'Issues and concerns: please keep this to 2,000 characters or fewer.',
      ],
    ] as const) {
      const res = await answer('dsl-primary-2', data);
      expect(res.body).toMatchObject({ statusCode: 400, value: { message } });
    }
    // Someone the form was not sent to, and someone outside the directory.
    const notSent = await answer('bu-coordinator', { sessionId, usefulness: '3' });
    expect(notSent.body).toMatchObject({
      statusCode: 403,
      value: { message: expect.stringMatching(/not sent to you/) },
    });
    const stranger = await post(
      teamsCardAction(
        connector.url,
        { id: '29:x', aadObjectId: '00000000-0000-4000-8000-00000000dead' },
        {
          verb: FORUM_VERBS.answer,
          data: { sessionId, usefulness: '3' },
        },
      ),
    );
    expect(stranger.body.value).toMatch(/not in the WSCP directory/);
    expect(await answerRows()).toEqual(rows);
    const answered = await db()
      .selectFrom('forum_recipients')
      .select(['person_id', 'answers'])
      .where('answered_at', 'is not', null)
      .execute();
    expect(answered).toEqual([{ person_id: 'dsl-primary-1', answers: 2 }]);
  });

  it('reminds only those who have not answered, once, from the sweep job', async () => {
    connector.calls.splice(0);
    // The workers' clock says Wednesday 18 November: the 5- and 8-working-day reminders are both due; one goes.
    await w.queues.enqueue('forum-sweep', { partnershipId: 'wakefield' }, { jobId: 'forum-sweep-test-1' });
    const reminders = await waitUntil(
      async () => posts((c) => c.conversationId !== 'a:education-advisor'),
      (c) => c.length >= 4,
    );
    expect(reminders.map((c) => c.conversationId).sort()).toEqual(
      WAKEFIELD_DSLS.filter((p) => p !== 'dsl-primary-1').map((p) => `a:${p}`),
    );
    expect(JSON.stringify(cardOf(reminders[0]!))).toContain('Reminder: we have not had your answer yet');
    const recorded = await db()
      .selectFrom('forum_messages')
      .select(['purpose', 'reminder_offset'])
      .where('purpose', '=', 'reminder')
      .execute();
    expect(recorded).toEqual([{ purpose: 'reminder', reminder_offset: 8 }]);

    await w.queues.enqueue('forum-sweep', { partnershipId: 'wakefield' }, { jobId: 'forum-sweep-test-2' });
    await waitUntil(
      () => db().selectFrom('audit_log').select('id').where('action', '=', 'forum.reminded').execute(),
      (r) => r.length === 1,
    );
    await waitUntil(
      async () => (await w.queues.queue('maintenance').getJobState('forum-sweep-test-2')) as string,
      (state) => state === 'completed',
    );
    expect(
      await db()
        .selectFrom('forum_messages')
        .select('message_id')
        .where('purpose', '=', 'reminder')
        .execute(),
    ).toHaveLength(1);

    // A reminder answered is the same form: dsl-primary-2 answers from it.
    const res = await answer('dsl-primary-2', {
      sessionId,
      issues: 'Pupils anxious about phones.',
      usefulness: '3',
    });
    expect(res.body.statusCode).toBe(200);
  });

  it('closes at the deadline, updates the sent cards, reports to the advisor and refuses a late answer', async () => {
    connector.calls.splice(0);
    const answerIdsBeforeClose = (await db().selectFrom('forum_answers').select('id').execute()).map(
      (r) => r.id,
    );
    const result = await runForumSweep(at(bot.services, '2026-11-19T17:00:00Z'));
    expect(result).toMatchObject({ closed: 1 });
    const session = await db().selectFrom('forum_sessions').selectAll().executeTakeFirstOrThrow();
    expect(session).toMatchObject({ status: 'closed', respondent_salt: null });
    expect((await answerRows()).every((r) => r.respondent_key === null)).toBe(true);
    // Nothing in the stored rows lines an answer up with its author's audited transaction any more.
    const stored = await sql<{
      id: string;
      tx: string;
    }>`select id, xmin::text as tx from forum_answers`.execute(db());
    const answeredTx = await sql<{ tx: string }>`
      select xmin::text as tx from audit_log where action in ('forum.answered', 'forum.answer-replaced')`.execute(
      db(),
    );
    expect(stored.rows.length).toBeGreaterThan(1);
    expect(new Set(stored.rows.map((r) => r.tx)).size).toBe(1);
    expect(answeredTx.rows.length).toBeGreaterThan(1);
    for (const a of answeredTx.rows) expect(stored.rows[0]!.tx).not.toBe(a.tx);
    expect(stored.rows.filter((r) => answerIdsBeforeClose.includes(r.id))).toEqual([]);

    // The Teams copies of the form and the reminder are rewritten to their closed state.
    const updates = await waitUntil(
      async () =>
        connector.calls.filter((c) => c.method === 'PUT' && c.conversationId !== 'a:education-advisor'),
      (c) => c.length >= 9,
    );
    expect(JSON.stringify(updates[0]!.body)).toContain('this form closed on 19 Nov 2026, 17:00');
    const report = await waitUntil(
      async () => posts((c) => c.conversationId === 'a:education-advisor'),
      (c) => c.length >= 1,
    );
    expect(adaptiveCardProblems(cardOf(report[0]!))).toEqual([]);
    expect(JSON.stringify(cardOf(report[0]!))).toContain('2 of 4 (50%)');

    const before = await answerRows();
    const late = await answer('dsl-special-1', { sessionId, usefulness: '5' });
    expect(late.body).toMatchObject({
      statusCode: 409,
      value: {
        message:
          'Thank you, but this form closed on 19 Nov 2026, 17:00, so answers can no longer be added to the report.',
      },
    });
    expect(await answerRows()).toEqual(before);
  });

  it('shows the report with downloads and sends "you said, we did" to every DSL once', async () => {
    connector.calls.splice(0);
    await post(teamsMessage(connector.url, advisor, 'forum report FORUM-2026-11-04'));
    const [call] = await connector.waitForCalls(1);
    const card = cardOf(call!);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Referrals and the front door (1)');
    expect(text).toContain('Online safety (1)');
    expect(text).toContain('"maxLength":1000');
    const csvUrl = /"url":"([^"]+\/forum\/exports\/[^"]+)"/.exec(text)![1]!;
    const csv = await request(bot.server).get(new URL(csvUrl).pathname);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('response by phase,Primary,2 of 2,100%');

    const said = await post(
      teamsCardAction(connector.url, advisor, {
        verb: FORUM_VERBS.youSaid,
        data: { sessionId, reply_referrals: 'The front door now answers schools within a day.' },
      }),
    );
    expect(said.body.statusCode).toBe(200);
    const sent = await waitUntil(
      async () => posts((c) => DSL_CONVERSATIONS.has(c.conversationId)),
      (c) => c.length >= 5,
    );
    expect(new Set(sent.map((c) => c.conversationId))).toEqual(DSL_CONVERSATIONS);
    expect(JSON.stringify(cardOf(sent[0]!))).toContain(
      'We did: The front door now answers schools within a day.',
    );
    const again = await post(
      teamsCardAction(connector.url, advisor, {
        verb: FORUM_VERBS.youSaid,
        data: { sessionId, reply_referrals: 'Again' },
      }),
    );
    expect(again.body).toMatchObject({ statusCode: 409 });
  });
});

import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { sql, type Insertable } from 'kysely';
import nock from 'nock';
import { handleCardAction } from '../../core/actions/registry';
import { MEETING_VERBS } from '../../cards/meeting/verbs';
import type { MeetingRequestsTable } from '../../core/db/tables/meetings';
import { bookMeeting } from '../../core/meetings/book';
import { runMeetingsSweep } from '../../core/meetings/sweep';
import type { Redis } from '../../core/runtime/redis';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { deliveryPorts } from '../../workers/delivery-ports';
import { meetingDeps } from '../../workers/find-slots/meeting-deps';
import type { Queues } from '../../workers/queues';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { nextJobOutcome } from '../support/events';
import type { TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { GRAPH, openMeetingsRuntime, ORGANISER, restoreNetwork, USER } from './graph-setup';

const SLOT = { start: '2027-03-31T10:00:00.000Z', end: '2027-03-31T11:00:00.000Z', optionalFree: [] };

interface ScheduleRequest {
  schedules: string[];
}
const allFree = (_uri: string, body: unknown) => ({
  value: (body as ScheduleRequest).schedules.map((id) => ({ scheduleId: id, scheduleItems: [] })),
});
const nurseBusy = (_uri: string, body: unknown) => ({
  value: (body as ScheduleRequest).schedules.map((id) => ({
    scheduleId: id,
    scheduleItems: id.startsWith('designated-nurse')
      ? [
          {
            status: 'busy',
            start: { dateTime: '2027-03-24T00:00:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2027-04-30T00:00:00.0000000', timeZone: 'UTC' },
          },
        ]
      : [],
  })),
});

describe('meetings sweep: requests and cancellations whose jobs were lost are taken up again from PostgreSQL', () => {
  let t: TestRuntime;
  let w: WorkerProcess;
  let s: Services;
  let events: QueueEvents;
  let eventsConnection: Redis;
  const chair = () => t.rt.directory.person('hos-quality-learning')!;
  const db = () => t.rt.database.db;
  const ago = (minutes: number) => new Date(s.now().getTime() - minutes * 60_000);

  beforeAll(async () => {
    t = await openMeetingsRuntime();
    eventsConnection = t.rt.redis.duplicate();
    events = new QueueEvents('meetings', { connection: eventsConnection, prefix: t.rt.env.QUEUE_PREFIX });
    await events.waitUntilReady();
    const firstSweep = nextJobOutcome(events, 10_000, (id) => id.startsWith('repeat:meetings-sweep:'));
    w = await startWorkerProcess(t.rt, deliveryPorts(t.rt));
    s = servicesFrom(t.rt, w.queues);
    await firstSweep;
  });
  afterAll(async () => {
    await w.close();
    await events.close();
    eventsConnection.disconnect();
    await t.close();
    restoreNetwork();
  });

  const act = (verb: string, data: Record<string, unknown>) =>
    handleCardAction(s, { verb, data, person: chair(), channel: 'teams' });
  const request = (id: string) =>
    db().selectFrom('meeting_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** A request as the bot would have left it, with no job in Redis (as after a Redis flush). */
  const insertRequest = async (over: Partial<Insertable<MeetingRequestsTable>> = {}) => {
    const id = over.id ?? randomUUID();
    await db()
      .insertInto('meeting_requests')
      .values({
        id,
        partnership_id: s.partnership.id,
        purpose: 'subgroup',
        reference: 'CSPRG',
        rapid_review_id: null,
        subgroup_id: 'CSPRG',
        chair_id: 'hos-quality-learning',
        required_ids: JSON.stringify(['hos-quality-learning', 'designated-nurse']),
        optional_ids: JSON.stringify([]),
        length_minutes: 60,
        window_start: new Date('2027-03-25T00:00:00Z'),
        window_end: new Date('2027-04-01T00:00:00Z'),
        recurring: false,
        reschedules_meeting_id: null,
        status: 'booking',
        offers: JSON.stringify([SLOT]),
        picked: 0,
        problem_code: null,
        message_id: null,
        created_at: ago(20),
        updated_at: ago(10),
        ...over,
      })
      .execute();
    return id;
  };
  const jobsFor = async (id: string) =>
    (await w.queues.queue('meetings').getJobs()).filter(
      (j) => j.data.requestId === id || j.data.meetingId === id,
    );

  it('is scheduled every minute on the meetings queue', async () => {
    const schedulers = await w.queues.queue('meetings').getJobSchedulers();
    expect(schedulers.map((x) => ({ key: x.key, every: Number(x.every) }))).toEqual([
      { key: 'meetings-sweep:wakefield', every: 60_000 },
    ]);
    // From here on the tests run the sweep themselves.
    await w.queues.queue('meetings').removeJobScheduler('meetings-sweep:wakefield');
  });

  it('books a request stuck in booking, finds slots for one stuck in finding, cancels a meeting stuck in cancelling, and leaves fresh ones alone', async () => {
    const stuckBooking = await insertRequest();
    const freshBooking = await insertRequest({ updated_at: ago(1) });
    const stuckFinding = await insertRequest({ status: 'finding', offers: JSON.stringify([]), picked: null });
    const bookedRequest = await insertRequest({ status: 'booked' });
    const stuckCancel = randomUUID();
    await db()
      .insertInto('meetings')
      .values({
        id: stuckCancel,
        partnership_id: s.partnership.id,
        request_id: bookedRequest,
        occurrence: 0,
        subject: 'WSCP CSPRG meeting',
        organiser: ORGANISER,
        event_id: 'event-stuck',
        join_url: null,
        web_link: null,
        start_at: new Date(SLOT.start),
        end_at: new Date(SLOT.end),
        status: 'cancelling',
        chair_id: 'hos-quality-learning',
        attendee_ids: JSON.stringify(['hos-quality-learning', 'designated-nurse']),
        confirmation_message_id: null,
        created_at: ago(20),
        updated_at: ago(6),
      })
      .execute();
    const freshBefore = await request(freshBooking);

    const transactionIds: unknown[] = [];
    const created = nock(GRAPH)
      .post(`${USER}/events`)
      .reply(201, (_uri, body) => {
        transactionIds.push((body as { transactionId?: unknown }).transactionId);
        return {
          id: 'event-swept',
          onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/event-swept' },
        };
      });
    const schedules = nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, allFree);
    const cancelled = nock(GRAPH).post(`${USER}/events/event-stuck/cancel`).reply(202);

    const swept = nextJobOutcome(events, 10_000, (id) => id === 'sweep-now');
    await w.queues.enqueue('meetings-sweep', { partnershipId: 'wakefield' }, { jobId: 'sweep-now' });
    const outcome = await swept;
    expect(outcome.outcome).toBe('completed');
    expect((await w.queues.queue('meetings').getJob('sweep-now'))?.returnvalue).toEqual({
      finding: 1,
      booking: 1,
      cancelling: 1,
    });

    const booked = await waitUntil(
      () => request(stuckBooking),
      (r) => r.status !== 'booking',
    );
    expect(booked).toMatchObject({ status: 'booked', problem_code: null });
    expect(transactionIds).toEqual([stuckBooking]);
    expect(
      await db().selectFrom('meetings').select('event_id').where('request_id', '=', stuckBooking).execute(),
    ).toEqual([{ event_id: 'event-swept' }]);
    const offered = await waitUntil(
      () => request(stuckFinding),
      (r) => r.status !== 'finding',
    );
    expect(offered.status).toBe('offered');
    await waitUntil(
      () =>
        db().selectFrom('meetings').select('status').where('id', '=', stuckCancel).executeTakeFirstOrThrow(),
      (m) => m.status === 'cancelled',
    );
    expect([created.isDone(), schedules.isDone(), cancelled.isDone()]).toEqual([true, true, true]);

    // The fresh request is the bot's own business still: untouched, and no job was queued for it.
    expect(await request(freshBooking)).toEqual(freshBefore);
    expect(await jobsFor(freshBooking)).toEqual([]);
    const sweptJobs = (await jobsFor(stuckBooking)).map((j) => j.id);
    expect(sweptJobs).toEqual([
      expect.stringMatching(new RegExp(`^book-meeting~${stuckBooking}~sweep\\d+$`)),
    ]);
    await db().deleteFrom('meeting_requests').where('id', '=', freshBooking).execute();
  }, 30_000);

  it('queues at most 100 jobs a run, and a row it took waits another stale period before it is taken again', async () => {
    const enqueued: Array<{ name: string; jobId: string | undefined }> = [];
    const recorder: Queues = {
      ...w.queues,
      enqueue: async (name, _payload, opts) => {
        enqueued.push({ name, jobId: opts?.jobId });
        return opts?.jobId ?? '';
      },
    };
    const ids = Array.from({ length: 101 }, () => randomUUID());
    for (const id of ids)
      await insertRequest({ id, status: 'finding', offers: JSON.stringify([]), picked: null });
    const sweep = () => runMeetingsSweep({ ...s, queues: recorder });

    expect(await sweep()).toEqual({ finding: 100, booking: 0, cancelling: 0 });
    expect(enqueued).toHaveLength(100);
    expect(enqueued[0]).toEqual({
      name: 'find-slots',
      jobId: expect.stringMatching(/^find-slots~[0-9a-f-]{36}~sweep\d+$/),
    });
    expect(await sweep()).toEqual({ finding: 1, booking: 0, cancelling: 0 });
    expect(await sweep()).toEqual({ finding: 0, booking: 0, cancelling: 0 });
    expect(new Set(enqueued.map((e) => e.jobId!.split('~')[1])).size).toBe(101);
    await db().deleteFrom('meeting_requests').where('id', 'in', ids).execute();
  });

  it('takes what the bot wrote only after the stale period of the business clock, when the job was lost', async () => {
    const lost: string[] = [];
    const flushed: Queues = {
      ...w.queues,
      enqueue: async (name, _payload, opts) => {
        lost.push(name);
        return opts?.jobId ?? '';
      },
    };
    const bot: Services = { ...s, queues: flushed };
    const press = (verb: string, data: Record<string, unknown>) =>
      handleCardAction(bot, { verb, data, person: chair(), channel: 'teams' });
    const before = new Set(
      (await db().selectFrom('meeting_requests').select('id').execute()).map((r) => r.id),
    );
    expect(
      await press(MEETING_VERBS.find, {
        purpose: 'subgroup',
        subgroupId: 'CSPRG',
        required: 'hos-quality-learning,designated-nurse',
        lengthMinutes: '60',
        windowStart: '2027-03-25',
        windowEnd: '2027-03-31',
      }),
    ).toMatchObject({ kind: 'card' });
    const finding = (await db().selectFrom('meeting_requests').select('id').execute())
      .map((r) => r.id)
      .find((id) => !before.has(id))!;
    const offered = await insertRequest({ status: 'offered', picked: null, updated_at: ago(30) });
    expect(await press(MEETING_VERBS.pick, { requestId: offered, index: 0 })).toMatchObject({ kind: 'card' });
    const booked = await insertRequest({ status: 'booked', updated_at: ago(30) });
    const meetingId = randomUUID();
    await db()
      .insertInto('meetings')
      .values({
        id: meetingId,
        partnership_id: s.partnership.id,
        request_id: booked,
        occurrence: 0,
        subject: 'WSCP CSPRG meeting',
        organiser: ORGANISER,
        event_id: 'event-lost',
        join_url: null,
        web_link: null,
        start_at: new Date(SLOT.start),
        end_at: new Date(SLOT.end),
        status: 'booked',
        chair_id: 'hos-quality-learning',
        attendee_ids: JSON.stringify(['hos-quality-learning']),
        confirmation_message_id: null,
        created_at: ago(30),
        updated_at: ago(30),
      })
      .execute();
    expect(await press(MEETING_VERBS.cancel, { meetingId })).toMatchObject({ kind: 'card' });
    expect(lost).toEqual(['find-slots', 'book-meeting', 'cancel-meeting']);

    const sweep = () => runMeetingsSweep({ ...s, queues: flushed });
    expect(await sweep()).toEqual({ finding: 0, booking: 0, cancelling: 0 });
    // Five minutes on: the rows the bot wrote have not moved, so their jobs are queued again.
    await db()
      .updateTable('meeting_requests')
      .set({ updated_at: ago(6) })
      .where('id', 'in', [finding, offered])
      .execute();
    await db()
      .updateTable('meetings')
      .set({ updated_at: ago(6) })
      .where('id', '=', meetingId)
      .execute();
    expect(await sweep()).toEqual({ finding: 1, booking: 1, cancelling: 1 });
    await db().deleteFrom('meeting_requests').where('id', 'in', [finding, offered, booked]).execute();
  });

  it('two runs of the same book-meeting job at once create one event and one meeting', async () => {
    const id = await insertRequest({ updated_at: ago(0) });
    const created = nock(GRAPH)
      .post(`${USER}/events`)
      .delay(200)
      .reply(201, { id: 'event-once', onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/x' } });
    const d = meetingDeps({ ...s, delivery: deliveryPorts(t.rt) });
    const outcomes = await Promise.all([bookMeeting(d, id, false), bookMeeting(d, id, false)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already-running', 'booked']);
    expect(created.isDone()).toBe(true);
    expect(
      await db().selectFrom('meetings').select('event_id').where('request_id', '=', id).execute(),
    ).toEqual([{ event_id: 'event-once' }]);
    expect((await request(id)).status).toBe('booked');
  }, 30_000);

  it('a booking job that finds another run on its request waits its turn, then books, without using an attempt', async () => {
    const id = await insertRequest({ updated_at: ago(1) });
    // Another run holds the request (say the slot search, still sending its card as the chair picked).
    await sql`insert into meeting_job_leases (key, holder, until)
      values (${`meeting-request:${id}`}, 'other-run', now() + interval '10 minutes')`.execute(db());
    const created = nock(GRAPH)
      .post(`${USER}/events`)
      .reply(201, { id: 'event-after-wait', onlineMeeting: { joinUrl: 'https://teams.example/j' } });
    await w.queues.enqueue('book-meeting', { requestId: id }, { jobId: `book-meeting~${id}~wait` });
    await waitUntil(
      async () => (await w.queues.queue('meetings').getJob(`book-meeting~${id}~wait`))?.getState(),
      (state) => state === 'delayed',
    );
    expect((await request(id)).status).toBe('booking');
    await db().deleteFrom('meeting_job_leases').where('key', '=', `meeting-request:${id}`).execute();
    const booked = await waitUntil(
      () => request(id),
      (r) => r.status !== 'booking',
    );
    expect(booked.status).toBe('booked');
    expect(created.isDone()).toBe(true);
    // One attempt, the one that booked: the wait did not count as a failure.
    const job = await waitUntil(
      () => w.queues.queue('meetings').getJob(`book-meeting~${id}~wait`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.attemptsMade).toBe(1);
  }, 30_000);

  it('a slot search Graph keeps throttling waits as long as Retry-After says, without using up an attempt', async () => {
    const id = await insertRequest({
      status: 'finding',
      offers: JSON.stringify([]),
      picked: null,
      updated_at: ago(1),
    });
    // More 429s than the Graph client retries within one call (GRAPH_MAX_RETRIES is 2 here), then an answer.
    const throttled = nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .times(3)
      .reply(429, { error: { code: 'ApplicationThrottled' } }, { 'Retry-After': '1' });
    const answered = nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, allFree);
    await w.queues.enqueue('find-slots', { requestId: id }, { jobId: `find-slots~${id}~throttled` });
    const offered = await waitUntil(
      () => request(id),
      (r) => r.status !== 'finding',
      25_000,
    );
    expect(offered.status).toBe('offered');
    expect([throttled.isDone(), answered.isDone()]).toEqual([true, true]);
    const job = await waitUntil(
      () => w.queues.queue('meetings').getJob(`find-slots~${id}~throttled`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.attemptsMade).toBe(1);
  }, 30_000);

  it('audits "try again" and each new search that sets a request aside (ids and codes only)', async () => {
    const supersededBy = async (id: string) => {
      const rows = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'meeting.superseded')
        .where('subject_id', '=', id)
        .execute();
      expect(rows).toHaveLength(1);
      const next = (rows[0]!.details as { supersededBy: string }).supersededBy;
      expect((await request(id)).status).toBe('superseded');
      return next;
    };
    const failed = await insertRequest({
      status: 'failed',
      offers: JSON.stringify([]),
      picked: null,
      problem_code: 'GRAPH_HTTP_503',
      updated_at: ago(0),
    });
    nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, nurseBusy);
    // Pressed twice at once: one retry happens, and is audited once.
    const pressed = await Promise.all([
      act(MEETING_VERBS.retry, { requestId: failed }),
      act(MEETING_VERBS.retry, { requestId: failed }),
    ]);
    expect(pressed.map((p) => p.kind).sort()).toEqual(expect.arrayContaining(['card']));
    await waitUntil(
      () => request(failed),
      (r) => r.status === 'no-slot',
    );

    nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, nurseBusy);
    const widened = await Promise.all([
      act(MEETING_VERBS.widen, { requestId: failed }),
      act(MEETING_VERBS.widen, { requestId: failed }),
    ]);
    expect(widened.map((p) => p.kind)).toContain('card');
    const widenedId = await supersededBy(failed);
    await waitUntil(
      () => request(widenedId),
      (r) => r.status === 'no-slot',
    );

    nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, allFree);
    await act(MEETING_VERBS.makeOptional, { requestId: widenedId, personId: 'designated-nurse' });
    const third = { id: await supersededBy(widenedId) };
    await waitUntil(
      () => request(third.id),
      (r) => r.status === 'offered',
    );

    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject_type', 'subject_id', 'details'])
      .where('action', 'in', ['meeting.retried', 'meeting.superseded'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        actor: 'hos-quality-learning',
        action: 'meeting.retried',
        subject_type: 'meeting-request',
        subject_id: failed,
        details: { step: 'finding', problemCode: 'GRAPH_HTTP_503' },
      },
      {
        actor: 'hos-quality-learning',
        action: 'meeting.superseded',
        subject_type: 'meeting-request',
        subject_id: failed,
        details: { reason: 'window-widened', supersededBy: widenedId },
      },
      {
        actor: 'hos-quality-learning',
        action: 'meeting.superseded',
        subject_type: 'meeting-request',
        subject_id: widenedId,
        details: { reason: 'made-optional', personId: 'designated-nurse', supersededBy: third.id },
      },
    ]);
  }, 30_000);
});

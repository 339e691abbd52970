import nock from 'nock';
import { handleCardAction } from '../../core/actions/registry';
import { MEETING_VERBS } from '../../cards/meeting/verbs';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { deliveryPorts } from '../../workers/delivery-ports';
import type { TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { GRAPH, openMeetingsRuntime, restoreNetwork, USER } from './graph-setup';
import { adaptiveCardProblems } from '../support/cards';
import { formTokenSecret } from '../../config/env';
import { submitForm } from '../../core/forms/submit';
import { issueFormToken } from '../../core/forms/token';

interface ScheduleRequest {
  schedules: string[];
  startTime: { dateTime: string; timeZone: string };
}
const block = (status: string, start: string, end: string) => ({
  status,
  start: { dateTime: `${start}.0000000`, timeZone: 'UTC' },
  end: { dateTime: `${end}.0000000`, timeZone: 'UTC' },
});

/**
 * Free/busy for Thursday 25 to Wednesday 31 March 2027 (Good Friday and Easter
 * Monday are bank holidays; the clocks go forward on the Sunday between).
 */
function easterWeek(body: ScheduleRequest) {
  const items: Record<string, unknown[]> = {
    'designated-nurse@wakefield.example': [block('busy', '2027-03-25T09:00:00', '2027-03-25T17:00:00')],
    'dci-safeguarding@wakefield.example': [block('oof', '2027-03-29T23:00:00', '2027-03-30T23:00:00')],
    'hos-quality-learning@wakefield.example': [
      block('tentative', '2027-03-31T08:00:00', '2027-03-31T09:00:00'),
      block('workingElsewhere', '2027-03-31T09:00:00', '2027-03-31T16:00:00'),
    ],
    'bu-manager@wakefield.example': [block('busy', '2027-03-31T09:00:00', '2027-03-31T10:00:00')],
  };
  return {
    value: body.schedules.map((id) => ({
      scheduleId: id,
      availabilityView: '',
      scheduleItems: items[id] ?? [],
    })),
  };
}

describe('booking a meeting through Microsoft Graph (nock at HTTP level)', () => {
  let t: TestRuntime;
  let w: WorkerProcess;
  let s: Services;
  const chair = () => t.rt.directory.person('hos-quality-learning')!;

  beforeAll(async () => {
    t = await openMeetingsRuntime();
    w = await startWorkerProcess(t.rt, deliveryPorts(t.rt));
    s = servicesFrom(t.rt, w.queues);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    restoreNetwork();
  });

  const act = (verb: string, data: Record<string, unknown>, person = chair()) =>
    handleCardAction(s, { verb, data, person, channel: 'teams' });
  const request = (id: string) =>
    t.rt.database.db
      .selectFrom('meeting_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const latestRequest = () =>
    t.rt.database.db
      .selectFrom('meeting_requests')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  /** The request once the worker has settled it and the chair's card is recorded. */
  const settled = (id: string) =>
    waitUntil(
      async () => {
        const r = await request(id);
        const m = r.message_id
          ? await t.rt.database.db
              .selectFrom('messages')
              .select('id')
              .where('id', '=', r.message_id)
              .executeTakeFirst()
          : undefined;
        return { r, sent: m !== undefined };
      },
      (x) => x.r.status !== 'finding' && x.sent,
    ).then((x) => x.r);
  const form = (over: Record<string, unknown> = {}) => ({
    purpose: 'subgroup',
    subgroupId: 'CSPRG',
    required: 'hos-quality-learning,designated-nurse,dci-safeguarding',
    optional: 'bu-manager,scrutineer',
    lengthMinutes: '60',
    windowStart: '2027-03-25',
    windowEnd: '2027-03-31',
    ...over,
  });

  it('finds slots from getSchedule (429 first), books the pick as a Teams meeting, reschedules and cancels it', async () => {
    const opened = await act(MEETING_VERBS.book, { purpose: 'subgroup', subgroupId: 'CSPRG' });
    expect(opened.kind).toBe('card');
    if (opened.kind === 'card') expect(adaptiveCardProblems(opened.card)).toEqual([]);

    const scheduleBodies: ScheduleRequest[] = [];
    const throttled = nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
    const answered = nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => {
        scheduleBodies.push(body as ScheduleRequest);
        return easterWeek(body as ScheduleRequest);
      });

    const started = await act(MEETING_VERBS.find, form());
    expect(started).toMatchObject({ kind: 'card' });
    const first = await latestRequest();
    const offered = await settled(first.id);
    expect(throttled.isDone()).toBe(true);
    expect(answered.isDone()).toBe(true);
    expect(scheduleBodies[0]!.schedules.sort()).toEqual([
      'bu-manager@wakefield.example',
      'dci-safeguarding@wakefield.example',
      'designated-nurse@wakefield.example',
      'hos-quality-learning@wakefield.example',
      'scrutineer@wakefield.example',
    ]);
    expect(offered.status).toBe('offered');
    // Thursday: the nurse is busy; Friday and Monday: bank holidays; Tuesday: the DCI is out of office;
    // Wednesday 09:00 BST: the chair is tentative; 10:00 BST: an optional attendee is busy.
    expect(offered.offers.map((o) => o.start)).toEqual([
      '2027-03-31T10:00:00.000Z',
      '2027-03-31T10:30:00.000Z',
      '2027-03-31T11:00:00.000Z',
    ]);
    expect(offered.offers[0]!.optionalFree.sort()).toEqual(['bu-manager', 'scrutineer']);
    expect(offered.message_id).toBeTruthy();
    const offersMessage = await t.rt.database.db
      .selectFrom('messages')
      .select(['subject', 'card'])
      .where('id', '=', offered.message_id!)
      .executeTakeFirstOrThrow();
    expect(offersMessage.subject).toBe('WSCP CSPRG meeting: times');
    expect(adaptiveCardProblems(offersMessage.card)).toEqual([]);
    expect(JSON.stringify(offersMessage.card)).toContain('Wed 31 Mar 2027, 11:00 to 12:00');

    // Someone else cannot pick.
    const stranger = await act(
      MEETING_VERBS.pick,
      { requestId: first.id, index: 0 },
      t.rt.directory.person('bu-manager')!,
    );
    expect(stranger).toMatchObject({ kind: 'error', status: 403 });

    let eventBody: Record<string, unknown> | undefined;
    nock(GRAPH)
      .post(`${USER}/events`)
      .reply(201, (_uri, body) => {
        eventBody = body as Record<string, unknown>;
        return {
          id: 'event-1',
          webLink: 'https://outlook.office365.com/owa/?itemid=event-1',
          onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/event-1' },
        };
      });
    const picked = await act(MEETING_VERBS.pick, { requestId: first.id, index: 0 });
    expect(picked.kind).toBe('card');
    await waitUntil(
      () => request(first.id),
      (r) => r.status === 'booked',
    );
    expect(eventBody).toEqual({
      subject: 'WSCP CSPRG meeting',
      body: { contentType: 'HTML', content: expect.stringContaining('WSCP CSPRG meeting') },
      start: { dateTime: '2027-03-31T11:00:00', timeZone: 'GMT Standard Time' },
      end: { dateTime: '2027-03-31T12:00:00', timeZone: 'GMT Standard Time' },
      attendees: [
        {
          emailAddress: { address: 'hos-quality-learning@wakefield.example', name: expect.any(String) },
          type: 'required',
        },
        {
          emailAddress: { address: 'designated-nurse@wakefield.example', name: expect.any(String) },
          type: 'required',
        },
        {
          emailAddress: { address: 'dci-safeguarding@wakefield.example', name: expect.any(String) },
          type: 'required',
        },
        {
          emailAddress: { address: 'bu-manager@wakefield.example', name: expect.any(String) },
          type: 'optional',
        },
        {
          emailAddress: { address: 'scrutineer@wakefield.example', name: expect.any(String) },
          type: 'optional',
        },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: true,
      responseRequested: true,
      transactionId: first.id,
    });
    const meeting = await t.rt.database.db
      .selectFrom('meetings')
      .selectAll()
      .where('request_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({
      event_id: 'event-1',
      join_url: 'https://teams.microsoft.com/l/meetup-join/event-1',
      status: 'booked',
    });
    const confirmation = await waitUntil(
      () =>
        t.rt.database.db
          .selectFrom('meetings')
          .select('confirmation_message_id')
          .where('id', '=', meeting.id)
          .executeTakeFirstOrThrow(),
      (m) => m.confirmation_message_id !== null,
    );
    const recipients = await waitUntil(
      () =>
        t.rt.database.db
          .selectFrom('deliveries')
          .select('person_id')
          .where('message_id', '=', confirmation.confirmation_message_id!)
          .orderBy('person_id')
          .execute(),
      (rows) => rows.length > 0,
    );
    expect(recipients.map((r) => r.person_id)).toEqual([
      'bu-manager',
      'dci-safeguarding',
      'designated-nurse',
      'hos-quality-learning',
      'scrutineer',
    ]);

    // Reschedule: a new search; the chosen time moves the same event.
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({ scheduleId: id, scheduleItems: [] })),
      }));
    const again = await act(MEETING_VERBS.reschedule, { meetingId: meeting.id });
    expect(again.kind).toBe('card');
    const second = await latestRequest();
    expect(second.reschedules_meeting_id).toBe(meeting.id);
    const reOffered = await waitUntil(
      () => request(second.id),
      (r) => r.status !== 'finding',
    );
    expect(reOffered.status).toBe('offered');
    let patchBody: unknown;
    nock(GRAPH)
      .patch(`${USER}/events/event-1`)
      .reply(200, (_uri, body) => {
        patchBody = body;
        return {
          id: 'event-1',
          onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/event-1' },
        };
      });
    await act(MEETING_VERBS.pick, { requestId: second.id, index: 1 });
    await waitUntil(
      () => request(second.id),
      (r) => r.status === 'booked',
    );
    const slot = reOffered.offers[1]!;
    const moved = await t.rt.database.db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(moved.start_at.toISOString()).toBe(slot.start);
    expect(patchBody).toMatchObject({
      start: { timeZone: 'GMT Standard Time' },
      end: { timeZone: 'GMT Standard Time' },
    });
    expect(await t.rt.database.db.selectFrom('meetings').select('id').execute()).toHaveLength(1);

    // Cancel: Graph's cancel action; the meeting is marked cancelled.
    const cancelled = nock(GRAPH).post(`${USER}/events/event-1/cancel`).reply(202);
    const pressed = await act(MEETING_VERBS.cancel, { meetingId: meeting.id });
    expect(pressed.kind).toBe('card');
    await waitUntil(
      () =>
        t.rt.database.db
          .selectFrom('meetings')
          .select('status')
          .where('id', '=', meeting.id)
          .executeTakeFirstOrThrow(),
      (m) => m.status === 'cancelled',
    );
    expect(cancelled.isDone()).toBe(true);
    const audit = await t.rt.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'meeting.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'meeting.requested',
        'meeting.booked',
        'meeting.rescheduled',
        'meeting.cancelled',
      ]),
    );
  }, 60_000);

  it('refuses bad input with a message naming the field, and records nothing', async () => {
    const before = await t.rt.database.db.selectFrom('meeting_requests').select('id').execute();
    await expect(
      act(MEETING_VERBS.find, form({ windowStart: '2027-03-01', windowEnd: '2027-03-10' })),
    ).resolves.toMatchObject({
      kind: 'error',
      status: 400,
      message: expect.stringMatching(/^Window end: 2027-03-10 is in the past/),
    });
    await expect(act(MEETING_VERBS.find, form({ lengthMinutes: '540' }))).resolves.toMatchObject({
      message: expect.stringMatching(/^Length: 540 minutes is longer than a working day/),
    });
    await expect(
      act(MEETING_VERBS.find, form({ required: 'hos-quality-learning,nobody-here' })),
    ).resolves.toMatchObject({
      message: expect.stringMatching(/^Attendees: "nobody-here" is not in the WSCP directory/),
    });
    await expect(
      act(MEETING_VERBS.find, form(), t.rt.directory.person('dci-safeguarding')!),
    ).resolves.toMatchObject({ kind: 'error', status: 403 });
    await expect(act(MEETING_VERBS.find, form({ lengthMinutes: { hours: 1 } }))).resolves.toMatchObject({
      status: 400,
      message: 'Length: enter the meeting length in whole minutes.',
    });
    await expect(act(MEETING_VERBS.find, form({ purpose: 'party' }))).resolves.toMatchObject({
      message: 'Purpose: choose a Rapid Review or a subgroup meeting.',
    });
    await expect(act(MEETING_VERBS.find, form({ windowEnd: 20270331 }))).resolves.toMatchObject({
      message: 'Window end: choose a date.',
    });
    await expect(
      act(MEETING_VERBS.find, form({ recurring: 'true', windowStart: '2026-03-01', windowEnd: undefined })),
    ).resolves.toMatchObject({
      message:
        'Window start: 2026-03-01 is more than a year ago, so the year of meetings is already over. Choose a later date.',
    });
    expect(await t.rt.database.db.selectFrom('meeting_requests').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('says when Graph does not know an attendee, and when nothing fits (offering to widen or make someone optional)', async () => {
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) =>
          id.startsWith('scrutineer')
            ? { scheduleId: id, error: { message: 'not found', responseCode: 'ErrorMailRecipientNotFound' } }
            : { scheduleId: id, scheduleItems: [] },
        ),
      }));
    await act(MEETING_VERBS.find, form());
    const unknown = await latestRequest();
    const failed = await waitUntil(
      () => request(unknown.id),
      (r) => r.status !== 'finding',
    );
    expect(failed).toMatchObject({
      status: 'failed',
      problem_code: 'UNKNOWN_ATTENDEE',
      problem_people: ['scrutineer'],
    });

    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({
          scheduleId: id,
          scheduleItems: id.startsWith('designated-nurse')
            ? [block('busy', '2027-03-24T00:00:00', '2027-04-02T00:00:00')]
            : [],
        })),
      }));
    await act(MEETING_VERBS.find, form());
    const none = await latestRequest();
    const noSlot = await waitUntil(
      () => request(none.id),
      (r) => r.status !== 'finding',
    );
    expect(noSlot).toMatchObject({ status: 'no-slot', problem_people: ['designated-nurse'] });
    const card = await waitUntil(
      async () => {
        const r = await request(none.id);
        return r.message_id
          ? t.rt.database.db
              .selectFrom('messages')
              .select('card')
              .where('id', '=', r.message_id)
              .executeTakeFirst()
          : undefined;
      },
      (m) => m !== undefined,
    ).then((m) => m!);
    expect(adaptiveCardProblems(card.card)).toEqual([]);
    const text = JSON.stringify(card.card);
    expect(text).toContain('no time in this window');
    expect(text).toContain(MEETING_VERBS.widen);
    expect(text).toContain(MEETING_VERBS.makeOptional);
  }, 30_000);

  it('books nothing when Graph refuses the event, and tells the chair', async () => {
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({ scheduleId: id, scheduleItems: [] })),
      }));
    await act(MEETING_VERBS.find, form());
    const r = await latestRequest();
    await waitUntil(
      () => request(r.id),
      (x) => x.status === 'offered',
    );
    nock(GRAPH)
      .post(`${USER}/events`)
      .reply(403, { error: { code: 'ErrorAccessDenied' } });
    await act(MEETING_VERBS.pick, { requestId: r.id, index: 0 });
    const failed = await waitUntil(
      () => request(r.id),
      (x) => x.status !== 'booking',
    );
    expect(failed).toMatchObject({ status: 'failed', problem_code: 'GRAPH_HTTP_403' });
    expect(
      await t.rt.database.db.selectFrom('meetings').select('id').where('request_id', '=', r.id).execute(),
    ).toEqual([]);
  }, 30_000);

  it('offers nothing when a busy time cannot be read or a mailbox is missing from the answer', async () => {
    const clash = {
      ...block('busy', '2027-03-31T09:00:00', '2027-03-31T17:00:00'),
      start: { dateTime: 'Wed 31 Mar 09:00', timeZone: 'UTC' },
    };
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({
          scheduleId: id,
          scheduleItems: id.startsWith('designated-nurse') ? [clash] : [],
        })),
      }));
    await act(MEETING_VERBS.find, form({ windowStart: '2027-03-31' }));
    const unreadable = await settled((await latestRequest()).id);
    expect(unreadable).toMatchObject({ status: 'failed', problem_code: 'GRAPH_MALFORMED', offers: [] });

    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules
          .filter((id) => !id.startsWith('dci-safeguarding'))
          .map((id) => ({ scheduleId: id.toUpperCase(), scheduleItems: [] })),
      }));
    await act(MEETING_VERBS.find, form({ windowStart: '2027-03-31' }));
    const missing = await settled((await latestRequest()).id);
    expect(missing).toMatchObject({ status: 'failed', problem_code: 'GRAPH_MALFORMED', offers: [] });
  }, 30_000);

  it('retries a created event whose answer it could not read, with the same transactionId, and records one meeting', async () => {
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({ scheduleId: id, scheduleItems: [] })),
      }));
    await act(MEETING_VERBS.find, form());
    const r = await latestRequest();
    await waitUntil(
      () => request(r.id),
      (x) => x.status === 'offered',
    );
    const transactionIds: unknown[] = [];
    const created = nock(GRAPH)
      .post(`${USER}/events`)
      .reply(201, (_uri, body) => {
        transactionIds.push((body as { transactionId?: unknown }).transactionId);
        return { webLink: null };
      })
      .post(`${USER}/events`)
      .reply(201, (_uri, body) => {
        transactionIds.push((body as { transactionId?: unknown }).transactionId);
        return {
          id: 'event-retried',
          onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/event-retried' },
        };
      });
    await act(MEETING_VERBS.pick, { requestId: r.id, index: 0 });
    const done = await waitUntil(
      () => request(r.id),
      (x) => x.status !== 'booking',
    );
    expect(done).toMatchObject({ status: 'booked', problem_code: null });
    expect(created.isDone()).toBe(true);
    expect(transactionIds).toEqual([r.id, r.id]);
    expect(
      await t.rt.database.db
        .selectFrom('meetings')
        .select('event_id')
        .where('request_id', '=', r.id)
        .execute(),
    ).toEqual([{ event_id: 'event-retried' }]);
  }, 30_000);

  it('lets a chair reached by email pick a time through the emailed link', async () => {
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .reply(200, (_uri, body) => ({
        value: (body as ScheduleRequest).schedules.map((id) => ({ scheduleId: id, scheduleItems: [] })),
      }));
    await act(MEETING_VERBS.find, form({ windowStart: '2027-04-12', windowEnd: '2027-04-16' }));
    const r = await settled((await latestRequest()).id);
    expect(r.status).toBe('offered');
    const message = await t.rt.database.db
      .selectFrom('messages')
      .select(['id', 'form_verb'])
      .where('id', '=', r.message_id!)
      .executeTakeFirstOrThrow();
    expect(message.form_verb).toBe(MEETING_VERBS.pick);
    const secret = formTokenSecret(t.rt.env);
    const token = await issueFormToken(t.rt.database.db, {
      secret,
      messageId: message.id,
      personId: 'hos-quality-learning',
      days: 14,
    });
    nock(GRAPH)
      .post(`${USER}/events`)
      .reply(201, {
        id: 'event-by-email',
        onlineMeeting: { joinUrl: 'https://teams.example/join/by-email' },
      });
    const picked = await submitForm(s, secret, token, {
      verb: MEETING_VERBS.pick,
      data: { requestId: r.id, index: 0 },
    });
    expect(picked).toMatchObject({ kind: 'card' });
    const booked = await waitUntil(
      () => request(r.id),
      (x) => x.status !== 'booking',
    );
    expect(booked.status).toBe('booked');
  }, 30_000);
});

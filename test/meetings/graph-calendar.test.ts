import nock from 'nock';
import { graphMeetingCalendar, type MeetingCalendar } from '../../core/graph/calendar';
import { staticCredential } from '../../core/graph/credential';
import { graphSdkTransport } from '../../core/graph/sdk-transport';

const GRAPH = 'https://graph.microsoft.com';
const ORGANISER = 'meetings@wakefield.example';
const USER = `/v1.0/users/${encodeURIComponent(ORGANISER)}`;
const NURSE = 'designated-nurse@wakefield.example';
const DCI = 'dci-safeguarding@wakefield.example';
const FROM = new Date('2027-03-31T00:00:00Z');
const TO = new Date('2027-04-01T00:00:00Z');

const time = (dateTime: string, timeZone?: string) => (timeZone ? { dateTime, timeZone } : { dateTime });
const item = (start: object, end: object, status = 'busy') => ({ status, start, end });
const nineToTen = item(
  time('2027-03-31T09:00:00.0000000', 'UTC'),
  time('2027-03-31T10:00:00.0000000', 'UTC'),
);

function answerSchedules(value: unknown[]) {
  return nock(GRAPH).post(`${USER}/calendar/getSchedule`).reply(200, { value });
}

describe('the Graph meeting calendar reads only what Graph really sends (nock at HTTP level)', () => {
  let calendar: MeetingCalendar;

  beforeAll(() => {
    nock.disableNetConnect();
    calendar = graphMeetingCalendar(
      graphSdkTransport({
        credential: staticCredential('graph-token'),
        baseUrl: `${GRAPH}/v1.0`,
        maxRetries: 0,
      }),
      ORGANISER,
      'Europe/London',
    );
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('reads free/busy times as Graph writes them, in UTC or a named zone, matching addresses in any case', async () => {
    answerSchedules([
      { scheduleId: NURSE.toUpperCase(), scheduleItems: [nineToTen] },
      {
        scheduleId: DCI,
        scheduleItems: [
          item(
            time('2027-03-31T14:00:00', 'GMT Standard Time'),
            time('2027-03-31T15:30:00.0000000', 'Europe/London'),
            'oof',
          ),
        ],
      },
    ]);
    const read = await calendar.getSchedules([NURSE, DCI], FROM, TO);
    expect(read).toEqual({
      ok: true,
      value: [
        {
          email: NURSE,
          items: [
            {
              status: 'busy',
              start: new Date('2027-03-31T09:00:00Z'),
              end: new Date('2027-03-31T10:00:00Z'),
            },
          ],
        },
        {
          email: DCI,
          items: [
            { status: 'oof', start: new Date('2027-03-31T13:00:00Z'), end: new Date('2027-03-31T14:30:00Z') },
          ],
        },
      ],
    });
  });

  it.each([
    ['a date Graph would not write', time('31/03/2027 09:00', 'UTC')],
    ['a date that does not exist', time('2027-02-30T09:00:00.0000000', 'UTC')],
    ['an offset instead of the zone field', time('2027-03-31T09:00:00+01:00', 'UTC')],
    ['no zone', time('2027-03-31T09:00:00.0000000')],
    ['a zone nobody knows', time('2027-03-31T09:00:00.0000000', 'Somewhere Standard Time')],
  ])('fails as malformed, rather than ignoring the block, when a busy time has %s', async (_what, start) => {
    answerSchedules([
      { scheduleId: NURSE, scheduleItems: [item(start, time('2027-03-31T10:00:00.0000000', 'UTC'))] },
    ]);
    expect(await calendar.getSchedules([NURSE], FROM, TO)).toEqual({
      ok: false,
      failure: { kind: 'permanent', status: 200, code: 'GRAPH_MALFORMED' },
    });
  });

  it('fails as malformed when a busy block ends before it starts', async () => {
    answerSchedules([
      {
        scheduleId: NURSE,
        scheduleItems: [
          item(time('2027-03-31T10:00:00.0000000', 'UTC'), time('2027-03-31T09:00:00.0000000', 'UTC')),
        ],
      },
    ]);
    expect(await calendar.getSchedules([NURSE], FROM, TO)).toMatchObject({
      ok: false,
      failure: { code: 'GRAPH_MALFORMED' },
    });
  });

  it('fails as malformed when a requested mailbox is missing from the answer, instead of looking free', async () => {
    answerSchedules([{ scheduleId: NURSE, scheduleItems: [nineToTen] }]);
    expect(await calendar.getSchedules([NURSE, DCI], FROM, TO)).toEqual({
      ok: false,
      failure: { kind: 'permanent', status: 200, code: 'GRAPH_MALFORMED' },
    });

    answerSchedules([
      { scheduleId: NURSE, scheduleItems: [nineToTen] },
      { scheduleId: 'someone-else@wakefield.example', scheduleItems: [] },
    ]);
    expect(await calendar.getSchedules([NURSE, DCI], FROM, TO)).toMatchObject({
      ok: false,
      failure: { code: 'GRAPH_MALFORMED' },
    });
  });

  it('checks every batch: a mailbox missing from the answer for a later stretch of the window fails too', async () => {
    const both = [NURSE, DCI];
    const bodies: Array<{ schedules: string[] }> = [];
    nock(GRAPH)
      .post(`${USER}/calendar/getSchedule`)
      .twice()
      .reply(200, (_uri, body) => {
        bodies.push(body as { schedules: string[] });
        const first = bodies.length === 1;
        return {
          value: (first ? both : [NURSE]).map((id) => ({ scheduleId: id, scheduleItems: [] })),
        };
      });
    const sixtyDays = new Date(FROM.getTime() + 60 * 24 * 3600 * 1000);
    expect(await calendar.getSchedules(both, FROM, sixtyDays)).toMatchObject({
      ok: false,
      failure: { code: 'GRAPH_MALFORMED' },
    });
    expect(bodies.map((b) => b.schedules)).toEqual([both, both]);
  });

  it('treats a 2xx event it cannot read as worth retrying: the event exists, so failing for good would orphan it', async () => {
    nock(GRAPH).post(`${USER}/events`).reply(201, { subject: 'no id' });
    const created = await calendar.createEvent({
      subject: 'WSCP CSPRG meeting',
      bodyHtml: '<p>x</p>',
      start: new Date('2027-03-31T09:00:00Z'),
      end: new Date('2027-03-31T10:00:00Z'),
      attendees: [{ email: NURSE, name: 'Nurse', type: 'required' }],
      transactionId: 'tx-1',
    });
    expect(created).toEqual({
      ok: false,
      failure: { kind: 'transient', status: 201, code: 'GRAPH_MALFORMED' },
    });

    nock(GRAPH).patch(`${USER}/events/event-1`).reply(200, 'not json');
    const moved = await calendar.moveEvent(
      'event-1',
      new Date('2027-04-01T09:00:00Z'),
      new Date('2027-04-01T10:00:00Z'),
    );
    expect(moved).toEqual({
      ok: false,
      failure: { kind: 'transient', status: 200, code: 'GRAPH_MALFORMED' },
    });
  });
});

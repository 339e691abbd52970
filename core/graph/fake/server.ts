import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * A small Graph for local mode (GRAPH_FAKE=true): getSchedule, and events in
 * the organiser's calendar, kept in memory on 127.0.0.1. Known mailboxes get a
 * few made-up busy blocks on weekdays (the same every run), plus the meetings
 * booked here; any other address is "not found", as Graph says for a stranger.
 */
export interface FakeGraph {
  baseUrl: string;
  events(): FakeEvent[];
  close(): Promise<void>;
}

export interface FakeEvent {
  id: string;
  subject: string;
  start: Date;
  end: Date;
  attendees: string[];
  transactionId: string | null;
  cancelled: boolean;
  joinUrl: string;
}

const time = z.object({ dateTime: z.string(), timeZone: z.string().optional() });
const scheduleBody = z.object({ schedules: z.array(z.string()).max(20), startTime: time, endTime: time });
const eventBody = z.object({
  subject: z.string().default(''),
  start: time,
  end: time,
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string() }) })).default([]),
  transactionId: z.string().optional(),
});
const moveBody = z.object({ start: time, end: time });

const ZONES: Record<string, string> = { 'GMT Standard Time': 'Europe/London', UTC: 'utc' };

function toDate(t: { dateTime: string; timeZone?: string }): Date {
  return DateTime.fromISO(t.dateTime, { zone: ZONES[t.timeZone ?? 'UTC'] ?? t.timeZone ?? 'utc' }).toJSDate();
}

function graphTime(at: Date) {
  return {
    dateTime: DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'"),
    timeZone: 'UTC',
  };
}

/** Made-up, repeatable busy blocks: on a weekday, one or two hours somewhere in 09:00-17:00 London time. */
function habitualBusy(
  email: string,
  from: Date,
  to: Date,
): Array<{ status: string; start: Date; end: Date }> {
  const out: Array<{ status: string; start: Date; end: Date }> = [];
  let day = DateTime.fromJSDate(from, { zone: 'Europe/London' }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone: 'Europe/London' });
  while (day < last) {
    if (day.weekday <= 5) {
      const h = createHash('sha1').update(`${email}:${day.toISODate()}`).digest();
      if (h[0]! % 3 === 0) {
        const startHour = 9 + (h[1]! % 7);
        const hours = h[2]! % 4 === 0 ? 2 : 1;
        out.push({
          status: h[3]! % 5 === 0 ? 'tentative' : 'busy',
          start: day.set({ hour: startHour }).toJSDate(),
          end: day.set({ hour: startHour + hours }).toJSDate(),
        });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out.filter((b) => b.end > from && b.start < to);
}

export async function startFakeGraph(knownMailboxes: readonly string[]): Promise<FakeGraph> {
  const known = new Set(knownMailboxes.map((m) => m.toLowerCase()));
  const events = new Map<string, FakeEvent>();

  const asJson = (ev: FakeEvent) => ({
    id: ev.id,
    subject: ev.subject,
    start: graphTime(ev.start),
    end: graphTime(ev.end),
    isCancelled: ev.cancelled,
    isOnlineMeeting: true,
    webLink: `https://outlook.office.com/calendar/item/${ev.id}`,
    onlineMeeting: { joinUrl: ev.joinUrl },
  });

  const route = (method: string, path: string, body: unknown): { status: number; body?: unknown } => {
    const m = /^\/v1\.0\/users\/([^/]+)(\/.*)$/.exec(path);
    if (!m) return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
    const rest = m[2]!;
    if (method === 'POST' && rest === '/calendar/getSchedule') {
      const b = scheduleBody.safeParse(body);
      if (!b.success)
        return { status: 400, body: { error: { code: 'BadRequest', message: 'bad getSchedule' } } };
      const start = toDate(b.data.startTime);
      const end = toDate(b.data.endTime);
      return {
        status: 200,
        body: {
          value: b.data.schedules.map((id) => {
            const email = id.toLowerCase();
            if (!known.has(email))
              return {
                scheduleId: id,
                availabilityView: '',
                error: {
                  message: 'The specified mailbox could not be found.',
                  responseCode: 'ErrorMailRecipientNotFound',
                },
              };
            const booked = [...events.values()]
              .filter((e) => !e.cancelled && e.attendees.includes(email) && e.end > start && e.start < end)
              .map((e) => ({ status: 'busy', start: e.start, end: e.end }));
            return {
              scheduleId: id,
              availabilityView: '',
              scheduleItems: [...habitualBusy(email, start, end), ...booked].map((i) => ({
                status: i.status,
                start: graphTime(i.start),
                end: graphTime(i.end),
              })),
            };
          }),
        },
      };
    }
    if (method === 'POST' && rest === '/events') {
      const b = eventBody.safeParse(body);
      if (!b.success) return { status: 400, body: { error: { code: 'BadRequest', message: 'bad event' } } };
      const again = b.data.transactionId
        ? [...events.values()].find((e) => e.transactionId === b.data.transactionId)
        : undefined;
      if (again) return { status: 201, body: asJson(again) };
      const id = `fake-${randomUUID()}`;
      const ev: FakeEvent = {
        id,
        subject: b.data.subject,
        start: toDate(b.data.start),
        end: toDate(b.data.end),
        attendees: b.data.attendees.map((a) => a.emailAddress.address.toLowerCase()),
        transactionId: b.data.transactionId ?? null,
        cancelled: false,
        joinUrl: `https://teams.microsoft.com/l/meetup-join/fake/${id}`,
      };
      events.set(id, ev);
      return { status: 201, body: asJson(ev) };
    }
    const ev = /^\/events\/([^/?]+)(\/cancel)?(\?.*)?$/.exec(rest);
    const found = ev ? events.get(decodeURIComponent(ev[1]!)) : undefined;
    if (ev && !found)
      return { status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'not found' } } };
    if (found && method === 'GET' && !ev![2]) return { status: 200, body: asJson(found) };
    if (found && method === 'PATCH' && !ev![2]) {
      const b = moveBody.safeParse(body);
      if (!b.success) return { status: 400, body: { error: { code: 'BadRequest', message: 'bad times' } } };
      found.start = toDate(b.data.start);
      found.end = toDate(b.data.end);
      return { status: 200, body: asJson(found) };
    }
    if (found && method === 'POST' && ev![2]) {
      found.cancelled = true;
      return { status: 202 };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown = undefined;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      const out = route(req.method ?? 'GET', req.url ?? '/', body);
      res.statusCode = out.status;
      if (out.body !== undefined) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(out.body));
      } else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    events: () => [...events.values()],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

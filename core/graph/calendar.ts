import { DateTime } from 'luxon';
import { z } from 'zod';
import { classifyHttpFailure } from '../delivery/outcome';
import type { GraphResponse } from './client';
import type { GraphTransport } from './sdk-transport';

/** Graph's getSchedule limits: at most 20 mailboxes per request, and a bounded time window. */
export const SCHEDULES_PER_REQUEST = 20;
export const SCHEDULE_WINDOW_DAYS = 42;

export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface ScheduleItem {
  status: FreeBusyStatus;
  start: Date;
  end: Date;
}

export interface Schedule {
  email: string;
  items: ScheduleItem[];
  /** Set when Graph could not read this mailbox (unknown address, no permission). */
  error?: string;
}

export interface CalendarFailure {
  kind: 'throttled' | 'transient' | 'permanent';
  status: number;
  code: string;
  /** For a throttle: how long Graph asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
}

export type CalendarResult<T> = { ok: true; value: T } | { ok: false; failure: CalendarFailure };

export interface EventAttendee {
  email: string;
  name: string;
  type: 'required' | 'optional';
}

export interface NewEvent {
  subject: string;
  /** HTML; a case reference and practical words only, never a child's details. */
  bodyHtml: string;
  start: Date;
  end: Date;
  attendees: EventAttendee[];
  /** Makes a retried create return the first event instead of a second one. */
  transactionId: string;
}

export interface BookedEvent {
  id: string;
  joinUrl: string | null;
  webLink: string | null;
}

/** The organiser mailbox's calendar and everyone's free/busy, as meeting booking needs them. */
export interface MeetingCalendar {
  organiser: string;
  getSchedules(emails: string[], start: Date, end: Date): Promise<CalendarResult<Schedule[]>>;
  createEvent(event: NewEvent): Promise<CalendarResult<BookedEvent>>;
  moveEvent(eventId: string, start: Date, end: Date): Promise<CalendarResult<BookedEvent>>;
  cancelEvent(eventId: string, comment: string): Promise<CalendarResult<null>>;
}

/** Windows names Outlook shows best; anything else is sent in UTC. */
const WINDOWS_ZONES: Record<string, string> = { 'Europe/London': 'GMT Standard Time' };
const IANA_OF_WINDOWS: Record<string, string> = Object.fromEntries(
  Object.entries(WINDOWS_ZONES).map(([iana, windows]) => [windows, iana]),
);

/** Graph's wall-clock time without an offset, e.g. 2026-03-02T09:00:00.0000000; the zone is a separate field. */
const GRAPH_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/;

/** A Graph dateTimeTimeZone read as an instant; unreadable ones fail the parse instead of becoming Invalid Date. */
const graphInstant = z
  .object({ dateTime: z.string().regex(GRAPH_DATE_TIME), timeZone: z.string().min(1) })
  .transform((v, ctx) => {
    const at = DateTime.fromISO(v.dateTime, { zone: IANA_OF_WINDOWS[v.timeZone] ?? v.timeZone });
    if (at.isValid) return at.toJSDate();
    ctx.addIssue({ code: 'custom', message: `unreadable time ${v.dateTime} (${v.timeZone})` });
    return z.NEVER;
  });
const scheduleResponse = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z
        .array(
          z
            .object({ status: z.string(), start: graphInstant, end: graphInstant })
            .refine((item) => item.end >= item.start, 'ends before it starts'),
        )
        .optional(),
      error: z.object({ message: z.string().optional(), responseCode: z.string().optional() }).optional(),
    }),
  ),
});
const eventResponse = z.object({
  id: z.string().min(1),
  webLink: z.string().nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const STATUSES: readonly FreeBusyStatus[] = [
  'free',
  'tentative',
  'busy',
  'oof',
  'workingElsewhere',
  'unknown',
];

function failureOf(res: GraphResponse): CalendarFailure {
  const outcome = classifyHttpFailure(res.status, res.retryAfter);
  if (outcome.kind === 'throttled')
    return {
      kind: 'throttled',
      status: res.status,
      code: 'GRAPH_THROTTLED',
      ...(outcome.retryAfterMs != null ? { retryAfterMs: outcome.retryAfterMs } : {}),
    };
  if (outcome.kind === 'transient') return { kind: 'transient', status: res.status, code: outcome.code };
  return { kind: 'permanent', status: res.status, code: `GRAPH_HTTP_${res.status}` };
}

function utcNoZone(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

function eventTime(at: Date, timeZone: string): { dateTime: string; timeZone: string } {
  const windows = WINDOWS_ZONES[timeZone];
  if (!windows) return { dateTime: utcNoZone(at), timeZone: 'UTC' };
  return {
    dateTime: DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone: windows,
  };
}

/** Splits [start, end) into pieces Graph accepts. */
export function scheduleWindows(start: Date, end: Date): Array<{ start: Date; end: Date }> {
  const out: Array<{ start: Date; end: Date }> = [];
  const step = SCHEDULE_WINDOW_DAYS * 24 * 3600 * 1000;
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    out.push({ start: new Date(t), end: new Date(Math.min(end.getTime(), t + step)) });
  }
  return out;
}

/**
 * Meeting booking over Graph with application permissions: `calendar/getSchedule`
 * for free/busy (batched: at most 20 mailboxes and 42 days per request), events
 * created in the organiser mailbox as Teams meetings.
 */
export function graphMeetingCalendar(
  transport: GraphTransport,
  organiser: string,
  timeZone: string,
): MeetingCalendar {
  const user = `/users/${encodeURIComponent(organiser)}`;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    transport(method, `${user}${path}`, body, {
      mailbox: organiser,
      headers: { Prefer: 'outlook.timezone="UTC"' },
    });

  const toBooked = async (res: GraphResponse): Promise<CalendarResult<BookedEvent>> => {
    const parsed = eventResponse.safeParse(res.body);
    // A 2xx means the event exists (and invitations went out): failing for good would orphan it.
    // Retrying is safe: a create repeats its transactionId and gets the same event back, a move sets the same times.
    if (!parsed.success)
      return { ok: false, failure: { kind: 'transient', status: res.status, code: 'GRAPH_MALFORMED' } };
    let joinUrl = parsed.data.onlineMeeting?.joinUrl ?? null;
    if (!joinUrl) {
      // The Teams link is sometimes filled in a moment after creation.
      const again = await call(
        'GET',
        `/events/${encodeURIComponent(parsed.data.id)}?$select=id,webLink,onlineMeeting`,
      );
      const second = eventResponse.safeParse(again.body);
      if (again.status === 200 && second.success) joinUrl = second.data.onlineMeeting?.joinUrl ?? null;
    }
    return { ok: true, value: { id: parsed.data.id, joinUrl, webLink: parsed.data.webLink ?? null } };
  };

  return {
    organiser,
    async getSchedules(emails, start, end) {
      const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
      const batches: Array<{ emails: string[]; start: Date; end: Date }> = [];
      for (const w of scheduleWindows(start, end)) {
        for (let i = 0; i < unique.length; i += SCHEDULES_PER_REQUEST) {
          batches.push({ emails: unique.slice(i, i + SCHEDULES_PER_REQUEST), ...w });
        }
      }
      const merged = new Map<string, Schedule>(unique.map((e) => [e, { email: e, items: [] }]));
      const results = await Promise.all(
        batches.map((b) =>
          call('POST', '/calendar/getSchedule', {
            schedules: b.emails,
            startTime: { dateTime: utcNoZone(b.start), timeZone: 'UTC' },
            endTime: { dateTime: utcNoZone(b.end), timeZone: 'UTC' },
            availabilityViewInterval: 15,
          }),
        ),
      );
      const malformed: CalendarResult<Schedule[]> = {
        ok: false,
        failure: { kind: 'permanent', status: 200, code: 'GRAPH_MALFORMED' },
      };
      for (const [i, res] of results.entries()) {
        if (res.status !== 200) return { ok: false, failure: failureOf(res) };
        const parsed = scheduleResponse.safeParse(res.body);
        if (!parsed.success) return malformed;
        const answered = new Set(parsed.data.value.map((s) => s.scheduleId.toLowerCase()));
        // A mailbox left out of the answer would otherwise look free for the whole window.
        if (batches[i]!.emails.some((e) => !answered.has(e))) return malformed;
        for (const s of parsed.data.value) {
          const target = merged.get(s.scheduleId.toLowerCase());
          if (!target) continue;
          if (s.error) {
            target.error = s.error.responseCode ?? s.error.message ?? 'error';
            continue;
          }
          for (const item of s.scheduleItems ?? []) {
            const status = (STATUSES as readonly string[]).includes(item.status)
              ? (item.status as FreeBusyStatus)
              : 'unknown';
            target.items.push({ status, start: item.start, end: item.end });
          }
        }
      }
      return { ok: true, value: [...merged.values()] };
    },

    async createEvent(e) {
      const res = await call('POST', '/events', {
        subject: e.subject,
        body: { contentType: 'HTML', content: e.bodyHtml },
        start: eventTime(e.start, timeZone),
        end: eventTime(e.end, timeZone),
        attendees: e.attendees.map((a) => ({
          emailAddress: { address: a.email, name: a.name },
          type: a.type,
        })),
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: true,
        responseRequested: true,
        transactionId: e.transactionId,
      });
      if (res.status !== 201 && res.status !== 200) return { ok: false, failure: failureOf(res) };
      return toBooked(res);
    },

    async moveEvent(eventId, start, end) {
      const res = await call('PATCH', `/events/${encodeURIComponent(eventId)}`, {
        start: eventTime(start, timeZone),
        end: eventTime(end, timeZone),
      });
      if (res.status !== 200) return { ok: false, failure: failureOf(res) };
      return toBooked(res);
    },

    async cancelEvent(eventId, comment) {
      const res = await call('POST', `/events/${encodeURIComponent(eventId)}/cancel`, { comment });
      // Already gone is as good as cancelled.
      if (res.status === 202 || res.status === 200 || res.status === 204 || res.status === 404)
        return { ok: true, value: null };
      return { ok: false, failure: failureOf(res) };
    },
  };
}

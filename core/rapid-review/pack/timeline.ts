import { DateTime } from 'luxon';
import type { PackTimelineEntry } from './types';

/** One thing that happened, with the instant it happened (business clock) for ordering. */
export interface TimelineEvent {
  at: Date;
  /** Date-only events (the notification) show as a date. */
  dateOnly?: boolean;
  event: string;
}

export interface TimelineInput {
  timeZone: string;
  notificationDate: string;
  opened: { at: Date; by: string; panelDeadline: string };
  /** Every message sent about a request (the request itself, delegations, reminders, chases). */
  messages: Array<{
    at: Date;
    agency: string;
    purpose: string;
    recipients: string[];
    sent: boolean;
    /** Never sent: nobody it was for is in the directory any more. */
    skipped?: boolean;
  }>;
  answers: Array<{ at: Date; agency: string; by: string; declined: boolean }>;
  extensions: Array<{ at: Date; agency: string; from: string; to: string; by: string }>;
  overdue: Array<{ at: Date; agency: string }>;
  closed?: { at: Date; by: string };
  decision?: { at: Date; by: string; outcome: string; recommendations: number };
  formatDate(iso: string): string;
  formatInstant(at: Date): string;
}

function messageEvent(m: TimelineInput['messages'][number], formatList: (ids: string[]) => string): string {
  const to = formatList(m.recipients);
  const note = m.sent
    ? ''
    : m.skipped
      ? ' (not sent: nobody it was for is in the directory)'
      : ' (recorded, not yet sent)';
  switch (m.purpose) {
    case 'request':
      return `Information request sent to ${m.agency} (${to})${note}`;
    case 'delegated':
      return `${m.agency}'s request delegated to ${to}${note}`;
    case 'reminder-before':
      return `Reminder to ${m.agency}: due tomorrow${note}`;
    case 'reminder-on-day':
      return `Reminder to ${m.agency}: due today${note}`;
    case 'chase':
      return `${m.agency} chased for its answer${note}`;
    default:
      return `Message to ${m.agency}${note}`;
  }
}

/** Order of events at the same instant: the cause before its effects. */
const RANK = {
  notification: 0,
  opened: 1,
  message: 2,
  extension: 3,
  answer: 4,
  overdue: 5,
  closed: 6,
  decision: 7,
} as const;

/**
 * The review's timeline, oldest first: notification, opening, requests and their follow-ups, extensions,
 * answers, overdue requests, closing and the decision. Pure: the caller has loaded and named everything.
 */
export function buildTimeline(input: TimelineInput): PackTimelineEntry[] {
  const events: Array<TimelineEvent & { rank: number; seq: number }> = [];
  let seq = 0;
  const add = (e: TimelineEvent, rank: number) => events.push({ ...e, rank, seq: seq++ });
  const list = (names: string[]) => names.join(', ');
  add(
    {
      at: DateTime.fromISO(input.notificationDate, { zone: input.timeZone }).toJSDate(),
      dateOnly: true,
      event: 'Serious incident notification made',
    },
    RANK.notification,
  );
  add(
    {
      at: input.opened.at,
      event: `Rapid Review opened by ${input.opened.by}; Panel deadline ${input.formatDate(input.opened.panelDeadline)}`,
    },
    RANK.opened,
  );
  for (const m of input.messages) add({ at: m.at, event: messageEvent(m, list) }, RANK.message);
  for (const x of input.extensions)
    add(
      {
        at: x.at,
        event: `${x.agency}'s deadline extended from ${input.formatDate(x.from)} to ${input.formatDate(x.to)} by ${x.by}`,
      },
      RANK.extension,
    );
  for (const a of input.answers)
    add(
      {
        at: a.at,
        event: a.declined
          ? `${a.agency} answered: not involved with the child or family (${a.by})`
          : `${a.agency} submitted its information (${a.by})`,
      },
      RANK.answer,
    );
  for (const o of input.overdue)
    add({ at: o.at, event: `${o.agency}'s request became overdue` }, RANK.overdue);
  if (input.closed) add({ at: input.closed.at, event: `Requests closed by ${input.closed.by}` }, RANK.closed);
  if (input.decision)
    add(
      {
        at: input.decision.at,
        event:
          `Decision recorded by ${input.decision.by}: ${input.decision.outcome}; ` +
          `${input.decision.recommendations} recommendation${input.decision.recommendations === 1 ? '' : 's'}`,
      },
      RANK.decision,
    );
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || a.seq - b.seq);
  return events.map((e) => ({
    when: e.dateOnly ? input.formatDate(input.notificationDate) : input.formatInstant(e.at),
    event: e.event,
  }));
}

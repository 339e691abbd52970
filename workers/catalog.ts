import { z } from 'zod';

/**
 * Every background job: its queue, payload schema (IDs only, never names or
 * free text), retry policy and, for maintenance jobs, its schedule.
 */
const deliveryKey = z.strictObject({ messageId: z.uuid(), personId: z.string().min(1).max(64) });
const retryWithJitter = { type: 'exponential', delay: 2_000, jitter: 0.5 } as const;

/** Card-refresh marks turned into jobs per round (core/rapid-review/refresh.ts), so requests per job. */
export const CARD_REFRESH_BATCH = 500;

export const jobCatalog = {
  /** Send one message to one person on the channel that reaches them. */
  deliver: {
    queue: 'delivery',
    payload: deliveryKey,
    attempts: 6,
    backoff: retryWithJitter,
  },
  /** The email leg of a delivery (Graph sendMail, at most 4 in flight per mailbox). */
  'deliver-email': {
    queue: 'email',
    payload: deliveryKey,
    attempts: 6,
    backoff: retryWithJitter,
  },
  /** A recorded message goes out: the sender's progress card, then one deliver job per recipient. */
  'fan-out': {
    queue: 'delivery',
    payload: z.strictObject({ messageId: z.uuid() }),
    attempts: 6,
    backoff: retryWithJitter,
  },
  /** Rewrite one person's copy of a sent Teams card with its current state. */
  'update-card': {
    queue: 'delivery',
    payload: deliveryKey,
    attempts: 6,
    backoff: retryWithJitter,
  },
  /** Refresh the sender's progress card for a fan-out. */
  'delivery-progress': {
    queue: 'delivery',
    payload: z.strictObject({ messageId: z.uuid() }),
    attempts: 3,
    backoff: retryWithJitter,
  },
  /** Re-enqueue deliveries whose jobs were lost (Redis flushed): PostgreSQL is the truth. */
  'delivery-sweep': {
    queue: 'maintenance',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 1000,
  },
  /** Apply the partnership's routing rules to a recommendation, create its tracked action and post the card. */
  'route-recommendation': {
    queue: 'actions',
    payload: z.strictObject({ recommendationId: z.uuid() }),
    attempts: 5,
    backoff: retryWithJitter,
  },
  /** Re-render a recommendation card posted in a subgroup's channel after its state changed. */
  'update-recommendation-card': {
    queue: 'actions',
    payload: z.strictObject({ recommendationId: z.uuid() }),
    attempts: 5,
    backoff: retryWithJitter,
  },
  /** Every minute: take the escalation-ladder steps that are due (from PostgreSQL, in batches, SKIP LOCKED). */
  'escalation-sweep': {
    queue: 'actions',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 1000,
  },
  /** Send one recorded Rapid Review message (request, reminder, chase, delegation, tracker); retries until recorded. */
  'rapid-review-send': {
    queue: 'rapid-review',
    payload: z.strictObject({ messageId: z.uuid() }),
    attempts: 8,
    backoff: retryWithJitter,
  },
  /** Rewrite a Rapid Review's Teams cards (tracker, the copies of the requests named) after answers or drafts. */
  'rapid-review-refresh': {
    queue: 'rapid-review',
    payload: z.strictObject({
      rapidReviewId: z.uuid(),
      requestIds: z.array(z.uuid()).max(CARD_REFRESH_BATCH),
    }),
    attempts: 5,
    backoff: retryWithJitter,
  },
  /** Rapid Review reminders, overdue requests and lost sends, rebuilt from PostgreSQL each minute. */
  'rapid-review-sweep': {
    queue: 'rapid-review',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 1000,
  },
  /** Meeting booking: read the attendees' free/busy (Graph getSchedule) and offer the chair the best slots. */
  'find-slots': {
    queue: 'meetings',
    payload: z.strictObject({ requestId: z.uuid() }),
    attempts: 4,
    backoff: retryWithJitter,
  },
  /** Create (or move) the Teams meeting in the organiser mailbox, then send the confirmation. */
  'book-meeting': {
    queue: 'meetings',
    payload: z.strictObject({ requestId: z.uuid() }),
    attempts: 4,
    backoff: retryWithJitter,
  },
  /** Cancel a booked meeting in the organiser mailbox. */
  'cancel-meeting': {
    queue: 'meetings',
    payload: z.strictObject({ meetingId: z.uuid() }),
    attempts: 4,
    backoff: retryWithJitter,
  },
  /** Every minute: meeting requests and cancellations whose jobs were lost (Redis flushed) are queued again from PostgreSQL. */
  'meetings-sweep': {
    queue: 'meetings',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 1000,
  },
  'directory-sync': {
    queue: 'maintenance',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    repeatEveryMs: 15 * 60 * 1000,
  },
  /** The DSL forum: close forms at their deadline, send due reminders to those who have not answered. */
  'forum-sweep': {
    queue: 'maintenance',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 1000,
  },
  /** Case records past the partnership's `retention.caseYears` are erased (core/retention). */
  'retention-sweep': {
    queue: 'maintenance',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 1,
    backoff: retryWithJitter,
    repeatEveryMs: 60 * 60 * 1000,
  },
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]['payload']>;
export type QueueName = (typeof jobCatalog)[JobName]['queue'];

export const QUEUE_NAMES: readonly QueueName[] = [...new Set(Object.values(jobCatalog).map((j) => j.queue))];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

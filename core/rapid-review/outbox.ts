import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';
import { sendMessage } from '../delivery/send-message';
import type { Services } from '../services/services';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { formatDate } from './format';
import { findRequest, findReview, findRrMessage } from './store';
import { RR_KINDS, type MessagePurpose } from './types';
import { renderRequestCard, renderTrackerCard } from './views';

export interface OutboxEntry {
  rapidReviewId: string;
  requestId?: string;
  purpose: MessagePurpose;
  recipients: string[];
  createdBy: string;
}

/**
 * Records a message to send (in the caller's transaction) and returns its id. The send job turns it into
 * a delivered message; the sweep re-queues any entry left unsent, so a lost job or a flushed Redis loses
 * nothing.
 */
export async function recordOutgoing(db: Kysely<Database>, e: OutboxEntry, now: Date): Promise<string> {
  const messageId = randomUUID();
  await db
    .insertInto('rapid_review_messages')
    .values({
      message_id: messageId,
      rapid_review_id: e.rapidReviewId,
      request_id: e.requestId ?? null,
      purpose: e.purpose,
      recipients: JSON.stringify([...new Set(e.recipients)]),
      created_by: e.createdBy,
      sent_at: null,
      created_at: now,
    })
    .execute();
  return messageId;
}

/** Queues the send job for recorded messages; it retries until the recording transaction has committed. */
export async function queueSends(
  s: Pick<Services, 'queues'>,
  messageIds: string[],
  suffix = '',
): Promise<void> {
  for (const messageId of messageIds)
    await s.queues.enqueue('rapid-review-send', { messageId }, { jobId: `rrsend~${messageId}${suffix}` });
}

/** Thrown when the outbox row is not visible yet (its transaction has not committed): the job retries. */
export class NotRecordedYet extends Error {}

const SUBJECTS: Record<MessagePurpose, string> = {
  tracker: 'Rapid Review tracker',
  request: 'Rapid Review information request',
  delegated: 'Rapid Review information request delegated to you',
  'reminder-before': 'Rapid Review information request due tomorrow',
  'reminder-on-day': 'Rapid Review information request due today',
  chase: 'Rapid Review information request: reminder',
  'open-form': 'Open a Rapid Review',
};

/** The send job: renders the card for its first recipient and hands the message to the delivery pipeline. */
export async function sendOutgoing(s: Services, messageId: string): Promise<Record<string, unknown>> {
  const row = await findRrMessage(s.db, messageId);
  if (!row) throw new NotRecordedYet(`rapid review message ${messageId} not recorded (yet)`);
  if (row.sent_at) return { skipped: 'already sent' };
  const existing = await s.db
    .selectFrom('messages')
    .select('id')
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!existing) {
    const review = await findReview(s.db, s.partnership.id, row.rapid_review_id);
    if (!review) return { skipped: 'no review' };
    const first = row.recipients.map((id) => s.directory.person(id)).find((p) => p !== undefined);
    if (!first) {
      // Nobody it was for is in the partnership file any more: it can never go, so the sweep stops trying.
      await s.db
        .updateTable('rapid_review_messages')
        .set({ skipped: 'NO_RECIPIENT' })
        .where('message_id', '=', messageId)
        .execute();
      return { skipped: 'no recipient in the directory' };
    }
    const ref = review.case_reference;
    let card;
    let summary: string;
    let kind: string;
    let formVerb: string | undefined;
    if (row.request_id) {
      const request = await findRequest(s.db, s.partnership.id, row.request_id);
      if (!request) return { skipped: 'no request' };
      card = await renderRequestCard(s, messageId, row.purpose as MessagePurpose, review, request, first);
      kind = RR_KINDS.request;
      formVerb = RR_VERBS.submit;
      summary =
        `${s.partnership.shortName} asks for your agency's information for Rapid Review ${ref}, ` +
        `by ${formatDate(request.deadline)}. Open the form to answer, save a draft or delegate to a colleague. ` +
        'Please use the case reference only: no names, dates of birth or addresses.';
    } else {
      // Stored with the message: without the first recipient's signed pack links (each copy is rendered per person).
      card = await renderTrackerCard(s, review, first, { packLinks: false });
      kind = RR_KINDS.tracker;
      summary =
        `The tracker for Rapid Review ${ref}: which agencies have answered, and the time left to the ` +
        `agency and Panel deadlines (Panel: ${formatDate(review.panel_deadline)}).`;
    }
    try {
      await sendMessage(s, {
        id: messageId,
        partnershipId: s.partnership.id,
        kind,
        caseReference: ref,
        subject: `${ref}: ${SUBJECTS[row.purpose as MessagePurpose] ?? SUBJECTS.request}`,
        summary,
        card,
        formVerb,
        createdBy: row.created_by,
        recipients: row.recipients,
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  await s.db
    .updateTable('rapid_review_messages')
    .set({ sent_at: s.now() })
    .where('message_id', '=', messageId)
    .execute();
  return { sent: true, recipients: row.recipients.length };
}

import type { Kysely } from 'kysely';
import { buildProgressCard } from '../../cards/delivery-progress';
import { findPersonalReference } from '../../core/conversations/store';
import { createMessage, type NewMessage } from '../../core/delivery/create-message';
import type { TeamsSender } from '../../core/delivery/ports';
import type { Database } from '../../core/db/schema';
import type { Queues } from '../queues';
import { deliveryJobId } from '../delivery-job-ids';

export interface FanOutDeps {
  db: Kysely<Database>;
  queues: Queues;
  teams: TeamsSender;
}

/**
 * Sends one message to many people: records it with a delivery row each, shows
 * the sender a progress card (if they have a Teams conversation with the bot),
 * then queues one deliver job per recipient.
 */
export async function startFanOut(
  deps: FanOutDeps,
  input: NewMessage,
): Promise<{ messageId: string; recipients: number }> {
  const { messageId, personIds } = await createMessage(deps.db, input);
  await announceAndQueue(deps, messageId);
  return { messageId, recipients: personIds.length };
}

/**
 * The fan-out step for a recorded message: a progress card for the sender of a
 * bulk send (once), then a deliver job for each delivery still pending.
 */
export async function announceAndQueue(
  deps: FanOutDeps,
  messageId: string,
): Promise<{ queued: number; progressCard: boolean }> {
  const message = await deps.db
    .selectFrom('messages')
    .select(['partnership_id', 'created_by', 'subject', 'recipients', 'progress_activity_id'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message) return { queued: 0, progressCard: false };
  let progressCard = Boolean(message.progress_activity_id);
  const senderRef =
    message.recipients > 1 && !progressCard
      ? await findPersonalReference(deps.db, message.partnership_id, message.created_by)
      : undefined;
  if (senderRef) {
    const card = buildProgressCard({
      subject: message.subject,
      total: message.recipients,
      teams: 0,
      email: 0,
      pending: message.recipients,
      unconfirmed: 0,
      failed: 0,
      problems: [],
    });
    const sent = await deps.teams.send(senderRef, { card });
    if (sent.kind === 'sent' && sent.activityId) {
      progressCard = true;
      await deps.db
        .updateTable('messages')
        .set({ progress_conversation_id: senderRef.conversation.id, progress_activity_id: sent.activityId })
        .where('id', '=', messageId)
        .execute();
    }
  }
  const pending = await deps.db
    .selectFrom('deliveries')
    .select('person_id')
    .where('message_id', '=', messageId)
    .where('status', '=', 'pending')
    .execute();
  await deps.queues.enqueueMany(
    'deliver',
    pending.map(({ person_id }) => ({
      payload: { messageId, personId: person_id },
      jobId: deliveryJobId.deliver({ messageId, personId: person_id }),
    })),
  );
  return { queued: pending.length, progressCard };
}

import type { Kysely } from 'kysely';
import { buildProgressCard } from '../../cards/delivery-progress';
import { findPersonalReference } from '../../core/conversations/store';
import { createMessage, type NewMessage } from '../../core/delivery/create-message';
import type { TeamsSender } from '../../core/delivery/ports';
import type { Database } from '../../core/db/schema';
import type { Queues } from '../queues';

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
  const senderRef = await findPersonalReference(deps.db, input.partnershipId, input.createdBy);
  if (senderRef) {
    const card = buildProgressCard({
      subject: input.subject,
      total: personIds.length,
      teams: 0,
      email: 0,
      pending: personIds.length,
      unconfirmed: 0,
      failed: 0,
      problems: [],
    });
    const sent = await deps.teams.send(senderRef, { card });
    if (sent.kind === 'sent' && sent.activityId) {
      await deps.db
        .updateTable('messages')
        .set({ progress_conversation_id: senderRef.conversation.id, progress_activity_id: sent.activityId })
        .where('id', '=', messageId)
        .execute();
    }
  }
  await deps.queues.enqueueMany(
    'deliver',
    personIds.map((personId) => ({
      payload: { messageId, personId },
      jobId: `deliver~${messageId}~${personId}`,
    })),
  );
  return { messageId, recipients: personIds.length };
}

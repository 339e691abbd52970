import type { Kysely } from 'kysely';
import type { Database, DeliveryChannel, DeliveryRow, DeliveryStatus, MessageRow } from '../db/schema';

export interface DeliveryKey {
  messageId: string;
  personId: string;
}

export async function loadDelivery(
  db: Kysely<Database>,
  key: DeliveryKey,
): Promise<{ delivery: DeliveryRow; message: MessageRow } | undefined> {
  const delivery = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('message_id', '=', key.messageId)
    .where('person_id', '=', key.personId)
    .executeTakeFirst();
  if (!delivery) return undefined;
  const message = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', key.messageId)
    .executeTakeFirstOrThrow();
  return { delivery, message };
}

/**
 * Claims a pending delivery for one send attempt. Only one caller can win, so
 * two copies of the same job never both send.
 */
export async function claimForSending(
  db: Kysely<Database>,
  key: DeliveryKey,
  channel: DeliveryChannel,
): Promise<boolean> {
  const claimed = await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', channel, attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('message_id', '=', key.messageId)
    .where('person_id', '=', key.personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function recordDelivery(
  db: Kysely<Database>,
  key: DeliveryKey,
  change: {
    status: DeliveryStatus;
    channel?: DeliveryChannel | null;
    code?: string | null;
    conversationId?: string | null;
    activityId?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: change.status,
      ...(change.channel !== undefined ? { channel: change.channel } : {}),
      ...(change.code !== undefined ? { last_error_code: change.code } : {}),
      ...(change.conversationId !== undefined ? { conversation_id: change.conversationId } : {}),
      ...(change.activityId !== undefined ? { activity_id: change.activityId } : {}),
      updated_at: new Date(),
    })
    .where('message_id', '=', key.messageId)
    .where('person_id', '=', key.personId)
    .execute();
}

/**
 * Deliveries still pending (or left mid-send by a dead worker) after `olderThanMs`: their jobs may have
 * been lost (e.g. Redis flushed). A job for a row left mid-send marks it unconfirmed and does not resend.
 */
export async function stalePendingDeliveries(
  db: Kysely<Database>,
  partnershipId: string,
  olderThanMs: number,
  limit: number,
): Promise<Array<{ messageId: string; personId: string; channel: DeliveryChannel | null }>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['message_id', 'person_id', 'channel'])
    .where('partnership_id', '=', partnershipId)
    .where('status', 'in', ['pending', 'sending'])
    .where('updated_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ messageId: r.message_id, personId: r.person_id, channel: r.channel }));
}

import type { Services } from '../services/services';
import { createMessage, type NewMessage } from './create-message';

/**
 * The one way features send: the message and a delivery row per recipient are
 * recorded, then a fan-out job shows the sender a progress card (for bulk
 * sends) and queues one deliver job each. If Redis loses the jobs, the
 * delivery sweep finds the pending rows again.
 */
export async function sendMessage(
  s: Pick<Services, 'db' | 'queues'>,
  input: NewMessage,
): Promise<{ messageId: string; recipients: number }> {
  const { messageId, personIds } = await createMessage(s.db, input);
  await s.queues.enqueue('fan-out', { messageId }, { jobId: `fanout~${messageId}` });
  return { messageId, recipients: personIds.length };
}

/** Coalescing window for card updates: one update per person and card every few seconds, the last one wins. */
export const CARD_UPDATE_EVERY_MS = 2_000;

/**
 * After a change, re-renders a message's card for everyone who has it in Teams
 * (or only for `personIds`), through the update-card job.
 */
export async function refreshDeliveredCards(
  s: Pick<Services, 'db' | 'queues'>,
  messageId: string,
  personIds?: readonly string[],
  now = Date.now(),
): Promise<number> {
  let query = s.db
    .selectFrom('deliveries')
    .select('person_id')
    .where('message_id', '=', messageId)
    .where('channel', '=', 'teams')
    .where('activity_id', 'is not', null);
  if (personIds) {
    if (personIds.length === 0) return 0;
    query = query.where('person_id', 'in', personIds);
  }
  const rows = await query.execute();
  const window = Math.floor(now / CARD_UPDATE_EVERY_MS);
  const delay = (window + 1) * CARD_UPDATE_EVERY_MS - now;
  for (const { person_id } of rows) {
    await s.queues.enqueue(
      'update-card',
      { messageId, personId: person_id },
      { jobId: `update~${messageId}~${person_id}~${window}`, delay },
    );
  }
  return rows.length;
}

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Queues } from '../../workers/queues';

/** Fan-out jobs to queue once the messages they send are committed. */
export interface AfterCommit {
  fanOut: string[];
  refresh: string[];
}

/**
 * Runs `fn` in a transaction, or in the caller's when `db` already is one (a web-form submission runs its
 * handler inside its own). Fan-outs are queued after our commit; inside a caller's transaction they are
 * delayed a little so the messages are committed first (a lost one is found by the delivery sweep).
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  queues: Queues,
  fn: (trx: Transaction<Database> | Kysely<Database>, after: AfterCommit) => Promise<T>,
): Promise<T> {
  const after: AfterCommit = { fanOut: [], refresh: [] };
  const nested = db.isTransaction;
  const result = nested ? await fn(db, after) : await db.transaction().execute((trx) => fn(trx, after));
  await queueFanOuts(queues, after.fanOut, nested ? 1_000 : 0);
  return result;
}

export async function queueFanOuts(queues: Queues, messageIds: readonly string[], delay = 0): Promise<void> {
  if (messageIds.length === 0) return;
  if (delay === 0) {
    await queues.enqueueMany(
      'fan-out',
      messageIds.map((messageId) => ({ payload: { messageId }, jobId: `fanout~${messageId}` })),
    );
    return;
  }
  for (const messageId of messageIds)
    await queues.enqueue('fan-out', { messageId }, { jobId: `fanout~${messageId}`, delay });
}

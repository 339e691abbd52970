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
 * handler inside its own, with queues that hold jobs back until it commits). Fan-outs are queued after `fn`.
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  queues: Queues,
  fn: (trx: Transaction<Database> | Kysely<Database>, after: AfterCommit) => Promise<T>,
): Promise<T> {
  const after: AfterCommit = { fanOut: [], refresh: [] };
  const result = db.isTransaction
    ? await fn(db, after)
    : await db.transaction().execute((trx) => fn(trx, after));
  await queueFanOuts(queues, after.fanOut);
  return result;
}

export async function queueFanOuts(queues: Queues, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await queues.enqueueMany(
    'fan-out',
    messageIds.map((messageId) => ({ payload: { messageId }, jobId: `fanout~${messageId}` })),
  );
}

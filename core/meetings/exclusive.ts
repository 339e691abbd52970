import { sql } from 'kysely';
import type { Services } from '../services/services';

/** The advisory-lock class of meeting jobs (two-key form: never the same lock as the one-key schema lock). */
const MEETING_JOB_LOCK_CLASS = 6006;

/**
 * Runs `work` unless another run already holds `key` (a meeting request or a meeting): a duplicate job
 * (the meetings sweep re-queued it while the first was still running, or BullMQ re-ran a stalled job)
 * returns null at once instead of calling Graph a second time. The lock is a transaction-level
 * PostgreSQL advisory lock, so it is released when `work` ends, throws, or the process dies; `work`
 * itself writes through `s.db` as usual (those writes are not part of the locking transaction).
 */
export async function exclusively<T>(s: Services, key: string, work: () => Promise<T>): Promise<T | null> {
  return s.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${MEETING_JOB_LOCK_CLASS}::int, hashtext(${key})) as locked`.execute(
      trx,
    );
    if (!rows[0]?.locked) return null;
    return work();
  });
}

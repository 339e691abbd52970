import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Services } from '../services/services';

/** Longer than any one run (Graph calls with their own retries); a run that died frees its key after it. */
const LEASE = '10 minutes';

/**
 * Runs `work` unless another run already holds `key` (a meeting request or a meeting): a duplicate job
 * (the meetings sweep re-queued it while the first was still running, or BullMQ re-ran a stalled job)
 * returns null at once instead of calling Graph a second time. The key is held by a lease row, not by an
 * open transaction, so no database connection waits on Graph (the embedded database has just one, which
 * `work` needs). A run that dies leaves its lease to expire; the lease times are the database's clock.
 */
export async function exclusively<T>(
  s: Pick<Services, 'db'>,
  key: string,
  work: () => Promise<T>,
): Promise<T | null> {
  const holder = randomUUID();
  const taken = await sql<{ key: string }>`
    insert into meeting_job_leases (key, holder, until) values (${key}, ${holder}, now() + ${LEASE}::interval)
    on conflict (key) do update set holder = excluded.holder, until = excluded.until
      where meeting_job_leases.until < now()
    returning key`.execute(s.db);
  if (taken.rows.length === 0) return null;
  try {
    return await work();
  } finally {
    await s.db.deleteFrom('meeting_job_leases').where('key', '=', key).where('holder', '=', holder).execute();
  }
}

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../core/db/schema';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import type { Runtime } from '../../core/runtime/open';
import type { Queues } from '../../workers/queues';

/** London wall-clock time as an instant (the tests pick dates whose offset they know). */
export const london = (local: string, offset = '+01:00'): Date => new Date(`${local}${offset}`);

/** Services whose clock is whatever the test says it is. */
export function servicesAt(rt: Runtime, queues: Queues, clock: { now: Date }): Services {
  return { ...servicesFrom(rt, queues), now: () => clock.now };
}

/** Many open actions straight into PostgreSQL (as the benchmark does), with their next step due at `at`. */
export async function insertActions(
  db: Kysely<Database>,
  n: number,
  opts: { dueDate: string; nextStep: string | null; at: Date | null; subgroupId?: string; ownerId?: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, () => randomUUID());
    ids.push(...chunk);
    await db
      .insertInto('tracked_actions')
      .values(
        chunk.map((id) => ({
          id,
          partnership_id: 'wakefield',
          title: 'Update the neglect toolkit',
          description: '',
          subgroup_id: opts.subgroupId ?? 'SEG',
          owner_id: opts.ownerId ?? 'designated-nurse',
          due_date: opts.dueDate,
          source: 'manual' as const,
          source_id: null,
          case_reference: null,
          created_by: 'bu-manager',
          closed_at: null,
          next_step: opts.nextStep,
          next_step_at: opts.at,
        })),
      )
      .execute();
  }
  return ids;
}

export async function stepEvents(db: Kysely<Database>, actionIds?: string[]) {
  let q = db
    .selectFrom('action_events')
    .select(['action_id', 'kind', 'step_key', 'detail', 'notified', 'message_id'])
    .where('step_key', 'is not', null);
  if (actionIds) q = q.where('action_id', 'in', actionIds);
  return q.orderBy('id').execute();
}

export async function count(
  db: Kysely<Database>,
  table: 'messages' | 'deliveries' | 'action_events',
): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

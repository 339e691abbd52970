import type { Services } from '../services/services';
import { queueFanOuts } from '../tracked-actions/tx';
import { applyPlan, emptyPlan, planDueSteps } from './engine';

export interface SweepResult {
  fired: number;
  skipped: number;
  deferred: number;
  actions: number;
  batches: number;
}

/**
 * One sweep: reads only the actions whose next step is due (the partial index on next_step_at), in
 * batches, each batch in one transaction with its rows locked FOR UPDATE SKIP LOCKED, so several worker
 * processes share the work and never take the same step twice (the step's unique key is the last guard).
 * PostgreSQL holds all the state: after a Redis flush the next sweep finds the same rows.
 */
export async function runEscalationSweep(
  s: Pick<Services, 'db' | 'partnership' | 'directory' | 'calendar' | 'now' | 'queues'>,
  opts: { batchSize?: number; maxBatches?: number; now?: Date } = {},
): Promise<SweepResult> {
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 20;
  const now = opts.now ?? s.now();
  const result: SweepResult = { fired: 0, skipped: 0, deferred: 0, actions: 0, batches: 0 };
  for (let b = 0; b < maxBatches; b++) {
    const { count, fanOut, plan } = await s.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('tracked_actions')
        .selectAll()
        .where('partnership_id', '=', s.partnership.id)
        .where('next_step_at', 'is not', null)
        .where('next_step_at', '<=', now)
        .orderBy('next_step_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      const plan = emptyPlan();
      for (const row of rows) planDueSteps(s, plan, row, now);
      const fanOut = await applyPlan(trx, plan, now, s.partnership.id);
      return { count: rows.length, fanOut, plan };
    });
    await queueFanOuts(s.queues, fanOut);
    result.batches += 1;
    result.actions += count;
    result.fired += plan.fired;
    result.skipped += plan.skipped;
    result.deferred += plan.deferred;
    if (count < batchSize) break;
  }
  return result;
}

/**
 * npm run bench:sweep — the escalation sweep's cost follows what is due, not how much exists.
 * Fills PostgreSQL with 10,000 and then 1,000,000 open actions (500 of them due) and times a sweep that
 * finds and escalates the 500 (steps, messages and deliveries written; the fan-out to Redis faked), the
 * same 500 made due again before each of BENCH_RUNS sweeps (default 5): the figures are the medians, as one
 * 80 ms sweep on a shared machine varies by a quarter from run to run. The last line is the result as JSON.
 */
import { sql } from 'kysely';
import { runEscalationSweep } from '../core/escalation/sweep';
import { servicesFrom } from '../core/services/from-runtime';
import type { Queues } from '../workers/queues';
import { openBenchRuntime } from './support/setup';

const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const DUE = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Wednesday 2 December 2026, 10:00 in London: inside working hours. */
const NOW = new Date('2026-12-02T10:00:00Z');

/** Counts fan-outs instead of sending them: the delivery calls are faked. */
function fakeQueues(): Queues & { fanOuts: number } {
  const q = {
    fanOuts: 0,
    async enqueue() {
      q.fanOuts += 1;
      return 'fake';
    },
    async enqueueMany(_name: string, jobs: unknown[]) {
      q.fanOuts += jobs.length;
      return jobs.length;
    },
    queue(): never {
      throw new Error('no queues in the benchmark');
    },
    async close() {},
  };
  return q as unknown as Queues & { fanOuts: number };
}

async function main(): Promise<void> {
  const bench = await openBenchRuntime({});
  const { rt } = bench;
  const db = rt.database.db;
  const queues = fakeQueues();
  const s = { ...servicesFrom(rt, queues), now: () => NOW };

  /** `n` open actions not due for months, and `due` whose owner chase is due now; ids unique per `tag`. */
  async function fill(tag: string, n: number, due: number): Promise<void> {
    const insert = (count: number, dueDate: string, nextStep: string, at: string, kind: string) =>
      sql`INSERT INTO tracked_actions (id, partnership_id, title, description, subgroup_id, owner_id, due_date,
            source, created_by, next_step, next_step_at)
          SELECT md5(${tag} || ${kind} || i::text)::uuid::text, 'wakefield', 'Benchmark action', '', 'SEG',
            'designated-nurse', ${dueDate}, 'manual', 'bu-manager', ${nextStep}, ${at}::timestamptz
          FROM generate_series(1, ${count}::int) AS i`.execute(db);
    for (let done = 0; done < n - due; done += 200_000)
      await insert(
        Math.min(200_000, n - due - done),
        '2027-06-30',
        'remind-3',
        '2027-06-25T08:00:00Z',
        `later${done}`,
      );
    await insert(due, '2026-12-01', 'ladder-0', '2026-12-02T09:00:00Z', 'due');
    await sql`ANALYZE tracked_actions`.execute(db);
  }

  async function timeSweep(label: string, n: number): Promise<number> {
    await sql`TRUNCATE tracked_actions, action_events, deliveries, messages CASCADE`.execute(db);
    log(`filling ${n} open actions (${DUE} due)`);
    await fill(label, n, DUE);
    // Warm-up on 500 other due actions (connection, plans, JIT), then the measured sweep.
    await fill(`${label}-warm`, DUE, DUE);
    await runEscalationSweep(s, { now: NOW });
    const dueIds = sql`SELECT md5(${label} || 'due' || i::text)::uuid::text FROM generate_series(1, ${DUE}::int) AS i`;
    const runs: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await sql`UPDATE tracked_actions SET next_step = 'ladder-0', next_step_at = '2026-12-02T09:00:00Z'
        WHERE id IN (${dueIds})`.execute(db);
      await sql`DELETE FROM action_events WHERE step_key IS NOT NULL AND action_id IN (${dueIds})`.execute(
        db,
      );
      const started = performance.now();
      const result = await runEscalationSweep(s, { now: NOW });
      const ms = performance.now() - started;
      if (result.fired !== DUE) throw new Error(`expected ${DUE} escalations, got ${result.fired}`);
      log(`${n} open, sweep ${run}/${RUNS}: escalated ${result.fired} in ${ms.toFixed(1)} ms`);
      runs.push(ms);
    }
    return median(runs);
  }

  try {
    const small = await timeSweep('small', SMALL);
    const large = await timeSweep('large', LARGE);
    console.log(
      JSON.stringify({
        open_small: SMALL,
        open_large: LARGE,
        due: DUE,
        ms_small: Math.round(small * 10) / 10,
        ms_large: Math.round(large * 10) / 10,
        ratio: Math.round((large / small) * 100) / 100,
      }),
    );
  } finally {
    await bench.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

import { sql } from 'kysely';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../core/db/connect';
import { runEscalationSweep } from '../../core/escalation/sweep';
import { servicesFrom } from '../../core/services/from-runtime';
import { createQueues, type Queues } from '../../workers/queues';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { startOwnRedis } from '../support/redis';
import { waitUntil } from '../support/wait';
import { count, insertActions, london, stepEvents } from './helpers';

/** Wednesday 2 December 2026, 10:00 in London: inside working hours. */
const WORKING = london('2026-12-02T10:00:00', '+00:00');
const DUE = { dueDate: '2026-11-20', nextStep: 'ladder-0', at: london('2026-11-23T09:00:00', '+00:00') };

describe('escalation sweep faults on real PostgreSQL and Redis', () => {
  let t: TestRuntime;
  let queues: Queues;
  let second: DatabaseHandle;

  beforeAll(async () => {
    t = await openTestRuntime();
    t.rt.now = () => WORKING;
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    // A second worker process's own connection pool to the same database.
    second = await openDatabase({ kind: 'postgres', url: t.schema.url });
  });
  afterAll(async () => {
    await second.close();
    await queues.close();
    await t.close();
  });
  beforeEach(async () => {
    await sql`TRUNCATE tracked_actions, action_events, deliveries, messages CASCADE`.execute(
      t.rt.database.db,
    );
  });

  /** Every action has taken each due step exactly once, with exactly one message per step. */
  async function expectEachStepOnce(ids: string[], keys: string[]) {
    const events = await stepEvents(t.rt.database.db, ids);
    const seen = new Map<string, number>();
    for (const e of events)
      seen.set(`${e.action_id}|${e.step_key}`, (seen.get(`${e.action_id}|${e.step_key}`) ?? 0) + 1);
    expect(seen.size).toBe(ids.length * keys.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(await count(t.rt.database.db, 'messages')).toBe(events.filter((e) => e.message_id).length);
  }

  it('two sweepers at once never take a step twice', async () => {
    // ladder-0 (owner) and ladder-1 (SEG chair) are due; ladder-2 (5 days) is due too by 2 December.
    const ids = await insertActions(t.rt.database.db, 600, DUE);
    const a = servicesFrom(t.rt, queues);
    const b = { ...a, db: second.db };
    const [ra, rb] = await Promise.all([
      runEscalationSweep(a, { batchSize: 40, now: WORKING }),
      runEscalationSweep(b, { batchSize: 40, now: WORKING }),
    ]);
    expect(ra.actions + rb.actions).toBe(600);
    expect(ra.actions).toBeGreaterThan(0);
    expect(rb.actions).toBeGreaterThan(0);
    await expectEachStepOnce(ids, ['1:ladder-0', '1:ladder-1', '1:ladder-2']);
    // A third sweep finds nothing more to do.
    expect((await runEscalationSweep(a, { now: WORKING })).fired).toBe(0);
  });

  it('a worker killed in the middle of a sweep loses nothing and doubles nothing', async () => {
    const ids = await insertActions(t.rt.database.db, 300, DUE);
    // The dying worker has locked a batch and written part of its work when its process (connection) dies.
    const dying = new Client({ connectionString: t.schema.url });
    dying.on('error', () => undefined);
    await dying.connect();
    await dying.query('BEGIN');
    const locked = await dying.query<{ id: string }>(
      `SELECT id FROM tracked_actions WHERE next_step_at <= $1 ORDER BY next_step_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [WORKING],
    );
    expect(locked.rowCount).toBe(100);
    await dying.query(
      `INSERT INTO action_events (action_id, at, actor, kind, step_key) SELECT id, $2, 'system:escalation-sweep', 'step', '1:ladder-0' FROM unnest($1::text[]) AS id`,
      [locked.rows.map((r) => r.id), WORKING],
    );
    // Meanwhile another worker sweeps: it skips the locked rows and takes the rest.
    const s = servicesFrom(t.rt, queues);
    const during = await runEscalationSweep(s, { batchSize: 70, now: WORKING });
    expect(during.actions).toBe(200);
    const pid = (await dying.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await sql`select pg_terminate_backend(${pid})`.execute(t.rt.database.db);
    await expect(dying.query('SELECT 1')).rejects.toThrow();
    await dying.end().catch(() => undefined);
    await runEscalationSweep(s, { batchSize: 70, now: WORKING });
    await expectEachStepOnce(ids, ['1:ladder-0', '1:ladder-1', '1:ladder-2']);
  });
});

describe('a Redis flush loses no escalation', () => {
  it('the next sweep escalates everything still due', async () => {
    const redis = await startOwnRedis();
    const t = await openTestRuntime({}, redis.url);
    t.rt.now = () => WORKING;
    let w: WorkerProcess | undefined;
    try {
      w = await startWorkerProcess(t.rt);
      await w.close();
      const ids = await insertActions(t.rt.database.db, 50, DUE);
      // Everything in Redis is gone (jobs, schedulers); PostgreSQL still knows what is due.
      await t.rt.redis.flushall();
      w = await startWorkerProcess(t.rt);
      const events = await waitUntil(
        () => stepEvents(t.rt.database.db, ids),
        (e) => e.length === 150,
      );
      expect(new Set(events.map((e) => `${e.action_id}|${e.step_key}`)).size).toBe(150);
      // And the escalations reach their deliveries (pending rows the delivery pipeline works through).
      expect(await count(t.rt.database.db, 'deliveries')).toBeGreaterThanOrEqual(150);
    } finally {
      await w?.close();
      await t.close();
      await redis.stop();
    }
  });
});

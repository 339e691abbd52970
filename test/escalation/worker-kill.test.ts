import type { ChildProcess } from 'node:child_process';
import { saveConversationReference } from '../../core/conversations/store';
import { createQueues, type Queues } from '../../workers/queues';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { FakeConnector } from '../support/fake-connector';
import { spawnWorkerProcess } from '../support/spawn-worker';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';
import { count, insertActions, london, stepEvents } from './helpers';

/** Wednesday 2 December 2026, 10:00 in London: inside working hours. */
const WORKING = london('2026-12-02T10:00:00', '+00:00');
/** Due on Tuesday 1 December: only the owner's chase (ladder-0) is due on the 2nd. */
const DUE = { dueDate: '2026-12-01', nextStep: 'ladder-0', at: london('2026-12-02T09:00:00', '+00:00') };
const BULK = 4000;
const IN_TEAMS = 6;

describe('a worker process killed (SIGKILL) in the middle of an escalation sweep', () => {
  let t: TestRuntime;
  let queues: Queues;
  let w: WorkerProcess | undefined;
  let child: ChildProcess | undefined;
  const connector = new FakeConnector();

  beforeAll(async () => {
    await connector.start();
    // The thousands of bulk chases go through the delivery queue too: let it run at its fastest.
    t = await openTestRuntime({ JOB_LOCK_MS: '1000', TEAMS_APP_RPS: '1000', DELIVERY_CONCURRENCY: '50' });
    t.rt.now = () => WORKING;
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await w?.close();
    await queues.close();
    await t.close();
    await connector.stop();
  });

  /** A worker process of its own whose clock reads 2 December 2026, 10:00 (local mode's CLOCK_START). */
  function startChildWorker(): Promise<ChildProcess> {
    return spawnWorkerProcess(t, {
      PARTNERSHIP: 'wakefield',
      JOB_LOCK_MS: '1000',
      TEAMS_APP_RPS: '1000',
      DELIVERY_CONCURRENCY: '50',
      CLOCK_START: WORKING.toISOString(),
    });
  }

  it('every due step happens exactly once, and each Teams message is sent once', async () => {
    const db = t.rt.database.db;
    // The learning and development officer has the app: their chases reach the (fake) Bot Connector.
    await saveConversationReference(db, {
      partnershipId: 'wakefield',
      personId: 'ld-officer',
      reference: {
        bot: { id: '28:bot' },
        user: { id: '29:ld-officer' },
        conversation: { id: 'a:ld-officer', conversationType: 'personal', tenantId: 'tenant-1' },
        channelId: 'msteams',
        serviceUrl: connector.url,
      },
    });
    const bulk = await insertActions(db, BULK, { ...DUE, subgroupId: 'SEG', ownerId: 'hos-localities' });
    const teams = await insertActions(db, IN_TEAMS, { ...DUE, subgroupId: 'ILD', ownerId: 'ld-officer' });
    const ids = [...bulk, ...teams];
    const total = ids.length;

    // The child's scheduler starts the sweep at once; it is killed once part of the batch is committed.
    child = await startChildWorker();
    const partial = await waitUntil(
      () => count(db, 'action_events'),
      (n) => n > 0,
      30_000,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;
    const atKill = await count(db, 'action_events');
    expect(partial).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);

    // Another worker finishes the sweep (its own run, or the killed one's job once its lock lapses).
    w = await startWorkerProcess(t.rt);
    await queues.enqueue('escalation-sweep', { partnershipId: 'wakefield' }, { jobId: 'sweep-after-kill' });
    const events = await waitUntil(
      () => stepEvents(db),
      (e) => e.length >= total,
      60_000,
    );
    const perStep = new Map<string, number>();
    for (const e of events)
      perStep.set(`${e.action_id}|${e.step_key}`, (perStep.get(`${e.action_id}|${e.step_key}`) ?? 0) + 1);
    expect(perStep.size).toBe(total);
    expect([...perStep.keys()].every((k) => k.endsWith('|1:ladder-0'))).toBe(true);
    expect([...perStep.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(events.map((e) => e.action_id))).toEqual(new Set(ids));
    expect(await count(db, 'messages')).toBe(total);

    // Fan-out jobs the child queued after a commit may have died with it: the delivery sweep finds their
    // pending deliveries once they look lost (here: made to look ten minutes old).
    await db
      .updateTable('deliveries')
      .set({ updated_at: new Date(Date.now() - 10 * 60_000) })
      .where('status', '=', 'pending')
      .where('person_id', '=', 'ld-officer')
      .execute();
    await queues.enqueue(
      'delivery-sweep',
      { partnershipId: 'wakefield' },
      { jobId: 'delivery-sweep-after-kill' },
    );
    // Each of the six Teams chases reaches the connector exactly once.
    await waitUntil(
      () => db.selectFrom('deliveries').select('status').where('person_id', '=', 'ld-officer').execute(),
      (rows) => rows.length === IN_TEAMS && rows.every((r) => r.status === 'delivered'),
      60_000,
    );
    const posts = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === 'a:ld-officer');
    expect(posts).toHaveLength(IN_TEAMS);
    expect(new Set(posts.map((p) => JSON.stringify(p.body.attachments))).size).toBe(IN_TEAMS);
  }, 120_000);
});

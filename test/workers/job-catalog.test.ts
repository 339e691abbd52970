import { QueueEvents } from 'bullmq';
import type { Redis } from '../../core/runtime/redis';
import { startWorkerProcess, type WorkerProcess } from '../../workers/start';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { nextJobOutcome } from '../support/events';

describe('workers on real Redis and PostgreSQL', () => {
  let t: TestRuntime;
  let w: WorkerProcess;
  let events: QueueEvents;
  let eventsConnection: Redis;

  beforeAll(async () => {
    t = await openTestRuntime();
    eventsConnection = t.rt.redis.duplicate();
    events = new QueueEvents('maintenance', { connection: eventsConnection, prefix: t.rt.env.QUEUE_PREFIX });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await w.close();
    await events.close();
    eventsConnection.disconnect();
    await t.close();
  });

  it('schedules the repeatable maintenance job, which runs and is audited', async () => {
    const firstRun = nextJobOutcome(events, 10_000, (id) => id.startsWith('repeat:directory-sync:'));
    w = await startWorkerProcess(t.rt);
    expect(await firstRun).toMatchObject({ outcome: 'completed' });
    const schedulers = await w.queues.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'delivery-sweep:wakefield',
      'directory-sync:wakefield',
      'forum-sweep:wakefield',
      'retention-sweep:wakefield',
    ]);
    const audit = await t.rt.database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'directory.synced')
      .execute();
    expect(audit).toEqual([{ actor: 'system:directory-sync' }]);
  });

  it('rejects a malformed payload at enqueue time, naming the field', async () => {
    await expect(w.queues.enqueue('directory-sync', { partnershipId: '' })).rejects.toThrow(/partnershipId/);
  });

  it('fails a malformed job that reached Redis anyway as permanent, without retrying', async () => {
    const outcome = nextJobOutcome(events, 10_000, (id) => id === 'malformed-1');
    const job = await w.queues
      .queue('maintenance')
      .add(
        'directory-sync',
        { partnership: 'wakefield', childName: 'x' },
        { attempts: 5, jobId: 'malformed-1' },
      );
    expect(await outcome).toMatchObject({ jobId: job.id, outcome: 'failed' });
    const failed = await w.queues.queue('maintenance').getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^invalid payload for directory-sync: /);
  });

  it('fails an unknown job name as permanent', async () => {
    const outcome = nextJobOutcome(events, 10_000, (id) => id === 'unknown-1');
    const job = await w.queues
      .queue('maintenance')
      .add('no-such-job', {}, { attempts: 3, jobId: 'unknown-1' });
    expect(await outcome).toMatchObject({
      jobId: job.id,
      outcome: 'failed',
      detail: 'unknown job "no-such-job"',
    });
  });
});

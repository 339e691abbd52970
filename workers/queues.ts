import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from '../core/runtime/redis';
import { jobCatalog, QUEUE_NAMES, type JobName, type JobPayload, type QueueName } from './catalog';

export interface Queues {
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    opts?: Pick<JobsOptions, 'jobId' | 'delay'>,
  ): Promise<string>;
  /** Many jobs of one kind in one round trip (a fan-out to thousands of recipients). */
  enqueueMany<N extends JobName>(
    name: N,
    jobs: Array<{ payload: JobPayload<N>; jobId: string }>,
  ): Promise<number>;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

/** Typed producers over the catalog; payloads are validated before they reach Redis. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = new Map(QUEUE_NAMES.map((q) => [q, new Queue(q, { connection, prefix })]));
  const queue = (name: QueueName): Queue => queues.get(name)!;
  return {
    queue,
    async enqueue(name, payload, opts) {
      const spec = jobCatalog[name];
      const data = spec.payload.parse(payload);
      const job = await queue(spec.queue).add(name, data, {
        attempts: spec.attempts,
        backoff: spec.backoff,
        removeOnComplete: 1000,
        removeOnFail: 5000,
        ...opts,
      });
      return job.id!;
    },
    async enqueueMany(name, jobs) {
      const spec = jobCatalog[name];
      const q = queue(spec.queue);
      for (let i = 0; i < jobs.length; i += 1000) {
        await q.addBulk(
          jobs.slice(i, i + 1000).map((j) => ({
            name,
            data: spec.payload.parse(j.payload),
            opts: {
              jobId: j.jobId,
              attempts: spec.attempts,
              backoff: spec.backoff,
              removeOnComplete: 1000,
              removeOnFail: 5000,
            },
          })),
        );
      }
      return jobs.length;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

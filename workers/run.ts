import { DelayedError, UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Redis } from '../core/runtime/redis';
import { isJobName, jobCatalog, QUEUE_NAMES, type JobName, type QueueName } from './catalog';
import type { WorkerDeps, HandlerMap, JobHandler, JobControl } from './handler';
import { handlers as defaultHandlers } from './handlers';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export interface WorkerTuning {
  /** Teams sends per second for the whole app, shared by every worker process. */
  appRps: number;
  deliveryConcurrency: number;
  lockDurationMs: number;
}

/** Outlook allows 4 concurrent requests per app and mailbox; the email queue is held to that across processes. */
const MAILBOX_CONCURRENCY = 4;

function optionsFor(queue: QueueName, tuning: WorkerTuning): Partial<WorkerOptions> {
  switch (queue) {
    case 'delivery':
      // Teams calls are paced to the app rate by AppPacer (workers/delivery-ports.ts); BullMQ's limiter,
      // in tenth-of-a-second windows at twice the rate, is only a safety net should the pacer be bypassed.
      return {
        concurrency: tuning.deliveryConcurrency,
        limiter: limiterFor(tuning.appRps * 2),
      };
    case 'email':
      return { concurrency: MAILBOX_CONCURRENCY };
    default:
      return { concurrency: 2 };
  }
}

/** `rps` as the finest whole split of a second (at most tenths), so the rate is exact: 50 → 5 per 100 ms. */
export function limiterFor(rps: number): { max: number; duration: number } {
  let slices = Math.min(10, rps);
  while (rps % slices !== 0) slices--;
  return { max: rps / slices, duration: 1000 / slices };
}

/**
 * One BullMQ worker per queue, dispatching by job name. A payload that fails
 * its schema or an unknown job name is permanent: retrying cannot fix it.
 */
export async function startWorkers(
  deps: WorkerDeps,
  connection: Redis,
  prefix: string,
  tuning: WorkerTuning,
  handlers: HandlerMap = defaultHandlers,
): Promise<RunningWorkers> {
  const processJob = async (job: Job, token?: string) => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job "${job.name}"`);
    const spec = jobCatalog[job.name];
    const parsed = spec.payload.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`,
      );
    }
    const control: JobControl = {
      id: job.id ?? '',
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      async retryAfter(ms) {
        await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(ms)), token);
        throw new DelayedError();
      },
    };
    const handler = handlers[job.name] as JobHandler<JobName>;
    return handler(deps, parsed.data, control);
  };

  // BullMQ never closes a connection it was handed, so the workers' own are closed here.
  const connections: Redis[] = [];
  const workers = QUEUE_NAMES.map((queue) => {
    const own = connection.duplicate();
    connections.push(own);
    const worker = new Worker(queue, processJob, {
      connection: own,
      prefix,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.lockDurationMs,
      ...optionsFor(queue, tuning),
    });
    worker.on('failed', (job, err) =>
      deps.logger.warn(
        { queue, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, error: err.message },
        'job failed',
      ),
    );
    worker.on('error', (err) => deps.logger.error({ queue, error: err.message }, 'worker error'));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await deps.queues.queue('email').setGlobalConcurrency(MAILBOX_CONCURRENCY);

  for (const [name, spec] of Object.entries(jobCatalog)) {
    if ('repeatEveryMs' in spec) {
      await deps.queues.queue(spec.queue).upsertJobScheduler(
        `${name}:${deps.partnership.id}`,
        { every: spec.repeatEveryMs },
        {
          name,
          data: { partnershipId: deps.partnership.id },
          opts: { attempts: spec.attempts, backoff: spec.backoff, removeOnComplete: 100, removeOnFail: 500 },
        },
      );
    }
  }

  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      for (const c of connections) c.disconnect();
    },
  };
}

import type { Runtime } from '../core/runtime/open';
import { createQueues, type Queues } from './queues';
import { startWorkers, type RunningWorkers } from './run';

export interface WorkerProcess {
  queues: Queues;
  workers: RunningWorkers;
  close(): Promise<void>;
}

export async function startWorkerProcess(rt: Runtime): Promise<WorkerProcess> {
  const queues = createQueues(rt.redis, rt.env.QUEUE_PREFIX);
  const workers = await startWorkers(
    { db: rt.database.db, partnership: rt.partnership, logger: rt.logger, queues },
    rt.redis,
    rt.env.QUEUE_PREFIX,
  );
  rt.logger.info({ queues: workers.workers.map((w) => w.name) }, 'workers started');
  return {
    queues,
    workers,
    async close() {
      await workers.close();
      await queues.close();
    },
  };
}

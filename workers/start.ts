import type { Runtime } from '../core/runtime/open';
import { servicesFrom } from '../core/services/from-runtime';
import type { DeliveryPorts } from './handler';
import { deliveryPorts } from './delivery-ports';
import { createQueues, type Queues } from './queues';
import { startWorkers, type RunningWorkers } from './run';
import { startRefreshDrain } from '../core/rapid-review/refresh-drain';

export interface WorkerProcess {
  queues: Queues;
  workers: RunningWorkers;
  close(): Promise<void>;
}

export async function startWorkerProcess(
  rt: Runtime,
  ports: DeliveryPorts = deliveryPorts(rt),
): Promise<WorkerProcess> {
  const queues = createQueues(rt.redis, rt.env.QUEUE_PREFIX);
  const services = servicesFrom(rt, queues);
  const workers = await startWorkers({ ...services, delivery: ports }, rt.redis, rt.env.QUEUE_PREFIX, {
    appRps: rt.env.TEAMS_APP_RPS,
    deliveryConcurrency: rt.env.DELIVERY_CONCURRENCY,
    lockDurationMs: rt.env.JOB_LOCK_MS,
  });
  const refreshDrain = startRefreshDrain(services, rt.logger, rt.env.CARD_REFRESH_POLL_MS);
  rt.logger.info({ queues: workers.workers.map((w) => w.name) }, 'workers started');
  return {
    queues,
    workers,
    async close() {
      await refreshDrain.close();
      await workers.close();
      await queues.close();
    },
  };
}

import { jobCatalog } from '../../workers/catalog';
import type { Queues } from '../../workers/queues';

export interface AfterCommitQueues extends Queues {
  /** Sends what was held back, in order; call once the transaction has committed. */
  flush(): Promise<void>;
}

/**
 * Queues for work done inside a transaction: jobs are checked now (a bad payload fails the transaction) but
 * only reach Redis after the commit, so a worker never picks up a job whose rows it cannot see yet, and a
 * rolled-back transaction leaves no job behind. Raw queue access is not held back.
 */
export function afterCommitQueues(queues: Queues): AfterCommitQueues {
  const held: Array<() => Promise<unknown>> = [];
  return {
    async enqueue(name, payload, opts) {
      jobCatalog[name].payload.parse(payload);
      held.push(() => queues.enqueue(name, payload, opts));
      return opts?.jobId ?? `after-commit:${name}`;
    },
    async enqueueMany(name, jobs) {
      for (const j of jobs) jobCatalog[name].payload.parse(j.payload);
      held.push(() => queues.enqueueMany(name, jobs));
      return jobs.length;
    },
    queue: (name) => queues.queue(name),
    close: () => queues.close(),
    async flush() {
      for (const send of held.splice(0)) await send();
    },
  };
}

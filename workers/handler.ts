import type { Kysely } from 'kysely';
import type { Partnership } from '../config/partnership/schema';
import type { Database } from '../core/db/schema';
import type { Logger } from '../core/logger';
import type { JobName, JobPayload } from './catalog';
import type { Queues } from './queues';

export interface WorkerDeps {
  db: Kysely<Database>;
  partnership: Partnership;
  logger: Logger;
  queues: Queues;
}

/** A job handler re-reads state from PostgreSQL, acts, records; its return value is kept on the job. */
export type JobHandler<N extends JobName> = (
  deps: WorkerDeps,
  payload: JobPayload<N>,
  job: { id: string; attemptsMade: number },
) => Promise<Record<string, unknown>>;

export type HandlerMap = { [N in JobName]: JobHandler<N> };

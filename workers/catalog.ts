import { z } from 'zod';

/**
 * Every background job: its queue, payload schema (IDs only, never names or
 * free text), retry policy and, for maintenance jobs, its schedule.
 */
export const jobCatalog = {
  'directory-sync': {
    queue: 'maintenance',
    payload: z.strictObject({ partnershipId: z.string().min(1) }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    repeatEveryMs: 15 * 60 * 1000,
  },
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]['payload']>;
export type QueueName = (typeof jobCatalog)[JobName]['queue'];

export const QUEUE_NAMES: readonly QueueName[] = [...new Set(Object.values(jobCatalog).map((j) => j.queue))];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

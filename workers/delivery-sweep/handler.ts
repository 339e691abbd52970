import { stalePendingDeliveries } from '../../core/delivery/delivery-store';
import { jobCatalog } from '../catalog';
import { deliveryJobId } from '../delivery-job-ids';
import type { JobHandler } from '../handler';

const STALE_AFTER_MS = 2 * 60 * 1000;
const BATCH = 500;
/** A job in one of these states will still run: the sweep leaves it alone. */
const LIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Finds deliveries still pending well after they were queued and makes sure each has a live job: a job
 * that is lost (e.g. Redis was flushed) is added again under its own id, one that ended without settling
 * the row (failed for good on something unexpected) runs again, and one still waiting, running or delayed
 * (a long Retry-After, a fan-out still draining) is left alone, so the sweep never doubles the traffic.
 * Claims on the rows make a duplicate job harmless anyway.
 */
export const deliverySweep: JobHandler<'delivery-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  const stale = await stalePendingDeliveries(deps.db, partnershipId, STALE_AFTER_MS, BATCH);
  let requeued = 0;
  let retried = 0;
  for (const d of stale) {
    const key = { messageId: d.messageId, personId: d.personId };
    const name = d.channel === 'email' ? 'deliver-email' : 'deliver';
    const jobId = deliveryJobId[name](key);
    const job = await deps.queues.queue(jobCatalog[name].queue).getJob(jobId);
    if (job && LIVE.has(await job.getState())) continue;
    if (job) {
      // Ended without settling the row: removed and added again (a completed job cannot be retried).
      await job.remove();
      retried += 1;
    } else requeued += 1;
    await deps.queues.enqueue(name, key, { jobId });
  }
  return { requeued, retried };
};

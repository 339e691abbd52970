import { stalePendingDeliveries } from '../../core/delivery/delivery-store';
import type { JobHandler } from '../handler';

const STALE_AFTER_MS = 2 * 60 * 1000;
const BATCH = 500;

/**
 * Finds deliveries still pending well after they were queued (their jobs were
 * lost, e.g. Redis was flushed) and queues them again. Claims on the rows make
 * a duplicate job harmless.
 */
export const deliverySweep: JobHandler<'delivery-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  const stale = await stalePendingDeliveries(deps.db, partnershipId, STALE_AFTER_MS, BATCH);
  const round = Math.floor(Date.now() / 60_000);
  for (const d of stale) {
    const key = { messageId: d.messageId, personId: d.personId };
    const name = d.channel === 'email' ? 'deliver-email' : 'deliver';
    await deps.queues.enqueue(name, key, { jobId: `sweep~${round}~${d.messageId}~${d.personId}` });
  }
  return { requeued: stale.length };
};

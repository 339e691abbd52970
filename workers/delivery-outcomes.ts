import { UnrecoverableError } from 'bullmq';
import type { DeliveryKey } from '../core/delivery/delivery-store';
import { loadDelivery, recordDelivery } from '../core/delivery/delivery-store';
import { deliveryJobId } from './delivery-job-ids';
import type { WorkerDeps } from './handler';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/**
 * The guards every delivery leg starts with: the row exists, it is still
 * pending, and the person is still in the directory. Returns the row to send,
 * or the result the job ends with.
 */
export async function openDelivery(
  deps: WorkerDeps,
  key: DeliveryKey,
): Promise<{ send: Loaded } | { done: Record<string, unknown> }> {
  const found = await loadDelivery(deps.db, key);
  if (!found) throw new UnrecoverableError(`no delivery for message ${key.messageId} and ${key.personId}`);
  if (found.delivery.status === 'sending') {
    // A previous attempt died between claiming and recording. The message may
    // have reached the person: never send twice; show it to the sender instead.
    await recordDelivery(deps.db, key, { status: 'unconfirmed', code: 'INTERRUPTED_MID_SEND' });
    await settle(deps, key);
    return { done: { status: 'unconfirmed' } };
  }
  if (found.delivery.status !== 'pending') return { done: { skipped: found.delivery.status } };
  if (!deps.directory.person(key.personId)) {
    await recordDelivery(deps.db, key, { status: 'undeliverable', code: 'NOT_IN_DIRECTORY' });
    await settle(deps, key);
    return { done: { status: 'undeliverable' } };
  }
  return { send: found };
}

/** Hands a delivery to the email queue, or records it as undeliverable when email is not possible. */
export async function routeToEmail(
  deps: WorkerDeps,
  key: DeliveryKey,
  reason: string,
): Promise<Record<string, unknown>> {
  const person = deps.directory.person(key.personId);
  if (!deps.delivery.mail || !person) {
    await recordDelivery(deps.db, key, {
      status: 'undeliverable',
      code: deps.delivery.mail ? 'NOT_IN_DIRECTORY' : `NO_CHANNEL:${reason}`,
    });
    await settle(deps, key);
    return { status: 'undeliverable', reason };
  }
  await recordDelivery(deps.db, key, { status: 'pending', channel: 'email', code: reason });
  await deps.queues.enqueue('deliver-email', key, { jobId: deliveryJobId['deliver-email'](key) });
  return { status: 'routed to email', reason };
}

/**
 * After any final outcome: refresh the sender's progress card at the end of
 * the current few-second window. One job per message and window, so the card
 * changes at most once a window and the last change is always shown.
 */
export async function settle(deps: WorkerDeps, key: DeliveryKey, now = Date.now()): Promise<void> {
  const window = Math.floor(now / PROGRESS_EVERY_MS);
  await deps.queues.enqueue(
    'delivery-progress',
    { messageId: key.messageId },
    { jobId: `progress~${key.messageId}~${window}`, delay: (window + 1) * PROGRESS_EVERY_MS - now },
  );
}

export const PROGRESS_EVERY_MS = 3_000;

import {
  findPersonalReference,
  markUninstalled,
  saveConversationReference,
} from '../../core/conversations/store';
import { claimForSending, recordDelivery, type DeliveryKey } from '../../core/delivery/delivery-store';
import type { StoredConversationReference } from '../../core/conversations/reference';
import type { JobControl, JobHandler, WorkerDeps } from '../handler';
import { cardFor } from '../../core/actions/card-for';
import { openDelivery, routeToEmail, settle } from '../delivery-outcomes';

/**
 * One message to one person. Guards first (known delivery? already handled?
 * interrupted mid-send? in the directory?), then Teams (stored reference, or a
 * Graph install), then email; every outcome is recorded on the delivery row.
 */
export const deliver: JobHandler<'deliver'> = async (deps, key, job) => {
  const opened = await openDelivery(deps, key);
  if ('done' in opened) return opened.done;
  const { delivery, message } = opened.send;
  if (delivery.channel === 'email') return routeToEmail(deps, key, 'ALREADY_ON_EMAIL');
  const person = deps.directory.person(key.personId)!;

  const ref = await teamsReference(deps, key, person.entraObjectId, job);
  if (!ref) return routeToEmail(deps, key, 'NO_TEAMS_CONVERSATION');

  const wait = await deps.delivery.conversationLimiter.acquire(ref.conversation.id);
  if (wait > 0) return job.retryAfter(wait);
  // Rendered before the claim: a render that fails leaves the delivery pending for the retry, where after the
  // claim it would look like a send cut off midway (unconfirmed), and the person would never get it.
  const card = await cardFor(deps, message, person, 'teams');
  if (!(await claimForSending(deps.db, key, 'teams'))) return { skipped: 'claimed elsewhere' };

  const outcome = await deps.delivery.teams.send(ref, { card, text: message.subject });
  switch (outcome.kind) {
    case 'sent':
      await recordDelivery(deps.db, key, {
        status: 'delivered',
        channel: 'teams',
        code: null,
        conversationId: ref.conversation.id,
        activityId: outcome.activityId,
      });
      await settle(deps, key);
      return { status: 'delivered', channel: 'teams' };
    case 'throttled':
      await recordDelivery(deps.db, key, { status: 'pending', code: 'TEAMS_THROTTLED' });
      return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
    case 'transient':
      await recordDelivery(deps.db, key, { status: 'pending', code: `TEAMS_${outcome.code}` });
      if (job.attemptsMade + 1 < job.maxAttempts) throw new Error(`Teams send failed: ${outcome.code}`);
      return routeToEmail(deps, key, `TEAMS_${outcome.code}`);
    case 'unreachable':
      await markUninstalled(deps.db, ref.conversation.id);
      await recordDelivery(deps.db, key, { status: 'pending', code: `TEAMS_${outcome.code}` });
      return routeToEmail(deps, key, `TEAMS_${outcome.code}`);
    case 'permanent':
      await recordDelivery(deps.db, key, { status: 'failed', code: `TEAMS_${outcome.code}` });
      await settle(deps, key);
      return { status: 'failed', code: outcome.code };
  }
};

/** The stored 1:1 conversation, or one made by installing the app through Graph. */
async function teamsReference(
  deps: WorkerDeps,
  key: DeliveryKey,
  entraObjectId: string | undefined,
  job: JobControl,
): Promise<StoredConversationReference | undefined> {
  const stored = await findPersonalReference(deps.db, deps.partnership.id, key.personId);
  if (stored || !entraObjectId || !deps.delivery.installer) return stored;
  const installed = await deps.delivery.installer.installForUser(entraObjectId);
  switch (installed.kind) {
    case 'installed':
      await saveConversationReference(deps.db, {
        partnershipId: deps.partnership.id,
        personId: key.personId,
        reference: installed.reference,
      });
      return installed.reference;
    case 'throttled':
      return job.retryAfter(installed.retryAfterMs ?? backoffMs(job));
    case 'transient':
      if (job.attemptsMade + 1 < job.maxAttempts) throw new Error(`Teams install failed: ${installed.code}`);
      return undefined;
    default:
      deps.logger.info({ personId: key.personId, code: installed.code }, 'proactive install not possible');
      return undefined;
  }
}

/** Exponential backoff with jitter, for throttles that give no Retry-After. */
export function backoffMs(job: JobControl): number {
  const base = 1000 * 2 ** Math.min(job.attemptsMade, 6);
  return Math.round(base * (0.5 + Math.random()));
}

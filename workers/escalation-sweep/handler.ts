import { runEscalationSweep } from '../../core/escalation/sweep';
import { routingJobId } from '../../core/recommendations/route';
import { jobCatalog } from '../catalog';
import type { JobHandler, WorkerDeps } from '../handler';

const LOST_ROUTING_AFTER_MS = 60_000;
/** A routing job that keeps failing is run again at most this often. */
const MAX_RETRY_WAIT_MS = 60 * 60_000;

/**
 * Every minute: takes the escalation steps that are due (state in PostgreSQL, rows locked SKIP LOCKED),
 * and recovers the routing of recommendations left without a card (see recoverRouting).
 */
export const escalationSweep: JobHandler<'escalation-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  const result = await runEscalationSweep(deps);
  return { ...result, ...(await recoverRouting(deps, partnershipId)) };
};

/**
 * Recommendations still submitted, or routed with no card posted or claimed, a minute after their last
 * change: their routing job (routingJobId: the first routing's, or the latest re-route's) was lost or gave
 * up. A job still waiting, delayed or running is left alone; one kept as failed (or completed without a
 * card) is run again with fresh attempts (at once the first time, then less often the more rounds it has
 * failed, at most hourly); a missing one is added.
 * A card claimed but never confirmed (core/recommendations/post.ts) is not a lost one: it is not resent.
 */
async function recoverRouting(
  deps: WorkerDeps,
  partnershipId: string,
): Promise<{ routingRequeued: number; routingRetried: number }> {
  const now = deps.now().getTime();
  const lost = await deps.db
    .selectFrom('recommendations as r')
    .select((eb) => [
      'r.id',
      eb
        .selectFrom('recommendation_events as e')
        .select((e) => e.fn.max('e.id').as('event_id'))
        .whereRef('e.recommendation_id', '=', 'r.id')
        .where('e.kind', '=', 'rerouted')
        .as('reroute_event_id'),
    ])
    .where('r.partnership_id', '=', partnershipId)
    .where((eb) =>
      eb.or([
        eb('r.stage', '=', 'submitted'),
        eb.and([
          eb('r.stage', '=', 'routed'),
          eb('r.message_id', 'is', null),
          eb('r.channel_conversation_id', 'is', null),
          eb('r.channel_activity_id', 'is', null),
        ]),
      ]),
    )
    .where('r.updated_at', '<', new Date(now - LOST_ROUTING_AFTER_MS))
    .limit(500)
    .execute();
  const queue = deps.queues.queue(jobCatalog['route-recommendation'].queue);
  let routingRequeued = 0;
  let routingRetried = 0;
  for (const { id, reroute_event_id } of lost) {
    const jobId = routingJobId(id, reroute_event_id === null ? null : String(reroute_event_id));
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (!job || state === 'unknown') {
      await deps.queues.enqueue('route-recommendation', { recommendationId: id }, { jobId });
      routingRequeued++;
    } else if (state === 'failed' || state === 'completed') {
      const rounds = Math.max(1, Math.floor(job.attemptsStarted / Math.max(1, job.opts.attempts ?? 1)));
      const wait = rounds > 1 ? Math.min(LOST_ROUTING_AFTER_MS * 2 ** (rounds - 1), MAX_RETRY_WAIT_MS) : 0;
      if (now - (job.finishedOn ?? 0) < wait) continue;
      try {
        await job.retry(state, { resetAttemptsMade: true });
        routingRetried++;
      } catch (e) {
        // It moved on since it was read (another sweep retried it, or it was removed): the next sweep looks again.
        deps.logger.warn({ jobId, error: (e as Error).message }, 'routing job could not be retried');
      }
    }
  }
  return { routingRequeued, routingRetried };
}

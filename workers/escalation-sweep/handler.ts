import { runEscalationSweep } from '../../core/escalation/sweep';
import type { JobHandler } from '../handler';

const LOST_ROUTING_AFTER_MS = 60_000;

/**
 * Every minute: takes the escalation steps that are due (state in PostgreSQL, rows locked SKIP LOCKED),
 * and re-queues routing for recommendations whose job was lost (e.g. Redis was flushed); the job id is
 * the one submit used, so a job still in Redis is not duplicated.
 */
export const escalationSweep: JobHandler<'escalation-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  const result = await runEscalationSweep(deps);
  const lost = await deps.db
    .selectFrom('recommendations')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) =>
      eb.or([
        eb('stage', '=', 'submitted'),
        eb.and([
          eb('stage', '=', 'routed'),
          eb('message_id', 'is', null),
          eb('channel_activity_id', 'is', null),
        ]),
      ]),
    )
    .where('updated_at', '<', new Date(deps.now().getTime() - LOST_ROUTING_AFTER_MS))
    .limit(500)
    .execute();
  for (const { id } of lost)
    await deps.queues.enqueue('route-recommendation', { recommendationId: id }, { jobId: `route~${id}` });
  return { ...result, routingRequeued: lost.length };
};

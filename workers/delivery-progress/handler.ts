import { buildProgressCard } from '../../cards/delivery-progress';
import { findReferenceByConversation } from '../../core/conversations/store';
import { describeDeliveryCode } from '../../core/delivery/failure-reasons';
import { deliveryProgress } from '../../core/delivery/progress';
import type { JobHandler } from '../handler';
import { backoffMs } from '../deliver/handler';

/** Rewrites the sender's progress card in place with the current counts. */
export const deliveryProgressUpdate: JobHandler<'delivery-progress'> = async (deps, { messageId }, job) => {
  const message = await deps.db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message?.progress_activity_id || !message.progress_conversation_id)
    return { skipped: 'no progress card' };
  const ref = await findReferenceByConversation(deps.db, message.progress_conversation_id);
  if (!ref) return { skipped: 'sender conversation unknown' };
  const p = await deliveryProgress(deps.db, messageId);
  const card = buildProgressCard({
    subject: message.subject,
    ...p,
    problems: p.problems.map((f) => ({
      name: deps.directory.person(f.personId)?.displayName ?? f.personId,
      reason: describeDeliveryCode(f.code),
    })),
  });
  const outcome = await deps.delivery.teams.update(ref, message.progress_activity_id, card);
  if (outcome.kind === 'throttled') return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
  if (outcome.kind === 'transient') throw new Error(`progress update failed: ${outcome.code}`);
  return { ...p, problems: p.problems.length, updated: outcome.kind === 'sent' };
};

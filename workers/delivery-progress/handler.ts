import { buildProgressCard } from '../../cards/delivery-progress';
import { findPersonalReference, findReferenceByConversation } from '../../core/conversations/store';
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
  if (!message) return { skipped: 'no message' };
  const p = await deliveryProgress(deps.db, messageId);
  const card = buildProgressCard({
    subject: message.subject,
    ...p,
    problems: p.problems.map((f) => ({
      name: deps.directory.person(f.personId)?.displayName ?? f.personId,
      reason: describeDeliveryCode(f.code),
    })),
  });
  if (!message.progress_activity_id || !message.progress_conversation_id) {
    // No progress card (a send to one person): the sender still hears when it could not be delivered.
    if (p.problems.length === 0) return { skipped: 'no progress card' };
    const senderRef = await findPersonalReference(deps.db, message.partnership_id, message.created_by);
    if (!senderRef) return { skipped: 'sender has no Teams conversation' };
    const sent = await deps.delivery.teams.send(senderRef, { card });
    if (sent.kind === 'throttled') return job.retryAfter(sent.retryAfterMs ?? backoffMs(job));
    if (sent.kind === 'transient') throw new Error(`progress card failed: ${sent.code}`);
    if (sent.kind === 'sent' && sent.activityId)
      await deps.db
        .updateTable('messages')
        .set({ progress_conversation_id: senderRef.conversation.id, progress_activity_id: sent.activityId })
        .where('id', '=', messageId)
        .where('progress_activity_id', 'is', null)
        .execute();
    return { ...p, problems: p.problems.length, posted: sent.kind === 'sent' };
  }
  const ref = await findReferenceByConversation(deps.db, message.progress_conversation_id);
  if (!ref) return { skipped: 'sender conversation unknown' };
  const outcome = await deps.delivery.teams.update(ref, message.progress_activity_id, card);
  if (outcome.kind === 'throttled') return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
  if (outcome.kind === 'transient') throw new Error(`progress update failed: ${outcome.code}`);
  return { ...p, problems: p.problems.length, updated: outcome.kind === 'sent' };
};

import { cardFor } from '../../core/actions/card-for';
import { findReferenceByConversation } from '../../core/conversations/store';
import { loadDelivery } from '../../core/delivery/delivery-store';
import type { JobHandler } from '../handler';
import { backoffMs } from '../deliver/handler';

/**
 * Rewrites one person's copy of a sent card in place (by its stored activity
 * id) with how it should look now: after an answer, when a request closes.
 */
export const updateCard: JobHandler<'update-card'> = async (deps, key, job) => {
  const found = await loadDelivery(deps.db, key);
  if (!found) return { skipped: 'no delivery' };
  const { delivery, message } = found;
  if (delivery.channel !== 'teams' || !delivery.activity_id || !delivery.conversation_id)
    return { skipped: 'not delivered in Teams' };
  const person = deps.directory.person(key.personId);
  if (!person) return { skipped: 'not in directory' };
  const ref = await findReferenceByConversation(deps.db, delivery.conversation_id);
  if (!ref) return { skipped: 'conversation unknown' };
  const card = await cardFor(deps, message, person, 'teams');
  const outcome = await deps.delivery.teams.update(ref, delivery.activity_id, card);
  switch (outcome.kind) {
    case 'sent':
      return { updated: true };
    case 'throttled':
      return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
    case 'transient':
      throw new Error(`card update failed: ${outcome.code}`);
    default:
      // The person left the chat or blocked the bot: nothing to update, nothing to retry.
      deps.logger.info(
        { messageId: key.messageId, personId: key.personId, code: outcome.code },
        'card not updated',
      );
      return { updated: false, code: outcome.code };
  }
};

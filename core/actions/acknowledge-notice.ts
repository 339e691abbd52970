import { z } from 'zod';
import { appendAudit } from '../audit/append';
import { noticeView } from './notice-view';
import type { CardActionHandler } from './types';

const data = z.object({ messageId: z.uuid() });

/** A recipient acknowledges a notice: recorded once, audited, and the card becomes read-only. */
export const acknowledgeNotice: CardActionHandler = async (deps, req) => {
  const { db, partnership } = deps;
  const parsed = data.safeParse(req.data);
  if (!parsed.success)
    return { kind: 'error', status: 400, message: 'This card is missing its message reference.' };
  const messageId = parsed.data.messageId;
  if (req.boundMessageId && req.boundMessageId !== messageId)
    return { kind: 'error', status: 403, message: 'This link is for a different message.' };

  const delivery = await db
    .selectFrom('deliveries')
    .innerJoin('messages', 'messages.id', 'deliveries.message_id')
    .select([
      'deliveries.id',
      'deliveries.answered_at',
      'messages.subject',
      'messages.summary',
      'messages.case_reference',
      'messages.kind',
    ])
    .where('deliveries.message_id', '=', messageId)
    .where('deliveries.person_id', '=', req.person.id)
    .executeTakeFirst();
  if (!delivery || delivery.kind !== 'notice')
    return {
      kind: 'error',
      status: 403,
      message: 'This notice was not sent to you, so you cannot acknowledge it.',
    };

  const answeredAt = delivery.answered_at ?? new Date();
  if (!delivery.answered_at) {
    await db
      .updateTable('deliveries')
      .set({ answered_at: answeredAt, updated_at: new Date() })
      .where('id', '=', delivery.id)
      .execute();
    await appendAudit(db, {
      partnershipId: partnership.id,
      actor: req.person.id,
      action: 'notice.acknowledged',
      subjectType: 'message',
      subjectId: messageId,
      details: { channel: req.channel },
    });
  }
  const card = await noticeView(deps, {
    messageId,
    person: req.person,
    channel: req.channel,
    requested: true,
  });
  if (!card) return { kind: 'error', status: 404, message: 'This notice no longer exists.' };
  return {
    kind: 'card',
    message: delivery.answered_at ? 'You had already acknowledged this.' : 'Thank you: acknowledged.',
    card,
  };
};

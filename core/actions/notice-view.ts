import { buildNoticeCard } from '../../cards/notice';
import type { CardView } from './types';

/** A notice as one recipient sees it: with an Acknowledge button until they have acknowledged. */
export const noticeView: CardView = async ({ db, partnership }, { messageId, person }) => {
  const row = await db
    .selectFrom('deliveries')
    .innerJoin('messages', 'messages.id', 'deliveries.message_id')
    .select(['deliveries.answered_at', 'messages.subject', 'messages.summary', 'messages.case_reference'])
    .where('deliveries.message_id', '=', messageId)
    .where('deliveries.person_id', '=', person.id)
    .executeTakeFirst();
  if (!row) return undefined;
  return buildNoticeCard({
    partnership: partnership.shortName,
    title: row.subject,
    body: row.summary,
    caseReference: row.case_reference ?? undefined,
    messageId,
    acknowledgedAt: row.answered_at ? formatLocal(row.answered_at, partnership.timeZone) : undefined,
  });
};

export function formatLocal(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

import { randomUUID } from 'node:crypto';
import { MEETING_VERBS } from '../../cards/meeting/verbs';
import { refreshDeliveredCards, sendMessage } from '../delivery/send-message';
import type { Services } from '../services/services';
import { offersCard } from './render';
import { meetingSubject, type MeetingRequestRow } from './rows';

export const OFFERS_KIND = 'meeting-offers';
export const CONFIRMATION_KIND = 'meeting-confirmation';

/**
 * Shows the chair the request's state: the first time as a new message (by
 * Teams, or email with a web-form link), afterwards by rewriting that card.
 * The message id is recorded before sending, so a retried job neither loses
 * nor repeats it.
 */
export async function showRequestToChair(s: Services, r: MeetingRequestRow): Promise<void> {
  if (r.message_id) {
    const exists = await s.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', r.message_id)
      .executeTakeFirst();
    if (exists) {
      await refreshDeliveredCards(s, r.message_id);
      return;
    }
  }
  const messageId = r.message_id ?? randomUUID();
  if (!r.message_id) {
    await s.db
      .updateTable('meeting_requests')
      .set({ message_id: messageId, updated_at: s.now() })
      .where('id', '=', r.id)
      .execute();
  }
  const subject = `${meetingSubject(s.partnership.shortName, r)}: times`;
  await sendMessage(s, {
    id: messageId,
    partnershipId: s.partnership.id,
    kind: OFFERS_KIND,
    caseReference: r.purpose === 'rapid-review' ? r.reference : undefined,
    subject,
    summary: "Meeting times from everyone's calendars: open the card to pick one.",
    card: offersCard(s, { ...r, message_id: messageId }),
    // A chair reached by email gets a link to the card, to pick a time there.
    formVerb: MEETING_VERBS.pick,
    createdBy: r.chair_id,
    recipients: [r.chair_id],
  });
}

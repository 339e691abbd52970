import type { CardView } from '../actions/types';
import { confirmationCard, offersCard } from './render';

/** The chair's offers card, from the request row (its state decides what it shows). */
export const meetingOffersView: CardView = async (deps, { messageId }) => {
  const r = await deps.db
    .selectFrom('meeting_requests')
    .selectAll()
    .where('message_id', '=', messageId)
    .where('partnership_id', '=', deps.partnership.id)
    .executeTakeFirst();
  return r ? offersCard(deps, r) : undefined;
};

/** The confirmation as one person sees it: the chair gets Reschedule and Cancel. */
export const meetingConfirmationView: CardView = async (deps, { messageId, person }) => {
  const meetings = await deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('confirmation_message_id', '=', messageId)
    .where('partnership_id', '=', deps.partnership.id)
    .orderBy('occurrence')
    .execute();
  if (meetings.length === 0) return undefined;
  const r = await deps.db
    .selectFrom('meeting_requests')
    .select(['purpose', 'reference'])
    .where('id', '=', meetings[0]!.request_id)
    .executeTakeFirst();
  return confirmationCard(
    deps,
    r ?? { purpose: 'subgroup', reference: meetings[0]!.subject },
    meetings,
    person,
  );
};

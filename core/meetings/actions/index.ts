import { MEETING_VERBS } from '../../../cards/meeting/verbs';
import type { CardActionHandler, CardView } from '../../actions/types';
import { CONFIRMATION_KIND, OFFERS_KIND } from '../notify';
import { meetingConfirmationView, meetingOffersView } from '../views';
import { cancel, findTimes, makeOptional, pickSlot, reschedule, retryStep, widenWindow } from './flow';
import { choosePurpose, openBookingForm } from './request-form';

/** Meeting booking's card verbs (registered in core/actions/registry.ts). */
export const meetingActions: Record<string, CardActionHandler> = {
  [MEETING_VERBS.book]: openBookingForm,
  [MEETING_VERBS.form]: choosePurpose,
  [MEETING_VERBS.find]: findTimes,
  [MEETING_VERBS.pick]: pickSlot,
  [MEETING_VERBS.widen]: widenWindow,
  [MEETING_VERBS.makeOptional]: makeOptional,
  [MEETING_VERBS.retry]: retryStep,
  [MEETING_VERBS.reschedule]: reschedule,
  [MEETING_VERBS.cancel]: cancel,
};

/** Meeting booking's message kinds (registered in core/actions/views.ts). */
export const meetingViews: Record<string, CardView> = {
  [OFFERS_KIND]: meetingOffersView,
  [CONFIRMATION_KIND]: meetingConfirmationView,
};

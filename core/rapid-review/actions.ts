import { RR_VERBS } from '../../cards/rapid-review/verbs';
import type { CardActionHandler, CardView } from '../actions/types';
import { delegateRequest, saveDraft, showRequest, submitAnswer } from './answer';
import { recordDecision } from './decide';
import { addAgency, chaseNow, closeAction, extendDeadline, showTracker, viewAnswer } from './manage';
import { openAction } from './open';
import { RR_KINDS } from './types';
import { requestView, trackerView } from './views';

/** Every Rapid Review card verb and its handler (registered in core/actions/registry.ts). */
export const rapidReviewActions: Record<string, CardActionHandler> = {
  [RR_VERBS.open]: openAction,
  [RR_VERBS.saveDraft]: saveDraft,
  [RR_VERBS.submit]: submitAnswer,
  [RR_VERBS.delegate]: delegateRequest,
  [RR_VERBS.showRequest]: showRequest,
  [RR_VERBS.showTracker]: showTracker,
  [RR_VERBS.viewAnswer]: viewAnswer,
  [RR_VERBS.chase]: chaseNow,
  [RR_VERBS.addAgency]: addAgency,
  [RR_VERBS.extend]: extendDeadline,
  [RR_VERBS.close]: closeAction,
  [RR_VERBS.decide]: recordDecision,
};

/** Per-viewer views of this feature's message kinds (registered in core/actions/views.ts). */
export const rapidReviewViews: Record<string, CardView> = {
  [RR_KINDS.request]: requestView,
  [RR_KINDS.tracker]: trackerView,
};

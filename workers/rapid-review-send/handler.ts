import { sendOutgoing } from '../../core/rapid-review/outbox';
import type { JobHandler } from '../handler';

/** One recorded Rapid Review message into the delivery pipeline (never twice: the message id is fixed). */
export const rapidReviewSend: JobHandler<'rapid-review-send'> = (deps, { messageId }) =>
  sendOutgoing(deps, messageId);

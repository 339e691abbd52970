import type { HandlerMap } from './handler';
import { directorySync } from './directory-sync/handler';
import { deliver } from './deliver/handler';
import { deliverEmail } from './deliver-email/handler';
import { deliveryProgressUpdate } from './delivery-progress/handler';
import { deliverySweep } from './delivery-sweep/handler';
import { fanOut } from './fan-out/handler';
import { updateCard } from './update-card/handler';
import { rapidReviewSend } from './rapid-review-send/handler';
import { rapidReviewRefresh } from './rapid-review-refresh/handler';
import { rapidReviewSweep } from './rapid-review-sweep/handler';
import { routeRecommendationJob } from './route-recommendation/handler';
import { updateRecommendationCard } from './route-recommendation/update-card';
import { escalationSweep } from './escalation-sweep/handler';
import { forumSweep } from './forum-sweep/handler';
import { retentionSweep } from './retention-sweep/handler';

import { findSlotsJob } from './find-slots/handler';
import { bookMeetingJob } from './book-meeting/handler';
import { cancelMeetingJob } from './cancel-meeting/handler';
import { meetingsSweep } from './meetings-sweep/handler';

export const handlers: HandlerMap = {
  'find-slots': findSlotsJob,
  'book-meeting': bookMeetingJob,
  'cancel-meeting': cancelMeetingJob,
  'meetings-sweep': meetingsSweep,
  'directory-sync': directorySync,
  deliver,
  'deliver-email': deliverEmail,
  'delivery-progress': deliveryProgressUpdate,
  'delivery-sweep': deliverySweep,
  'fan-out': fanOut,
  'update-card': updateCard,
  'rapid-review-send': rapidReviewSend,
  'rapid-review-refresh': rapidReviewRefresh,
  'rapid-review-sweep': rapidReviewSweep,
  'route-recommendation': routeRecommendationJob,
  'update-recommendation-card': updateRecommendationCard,
  'escalation-sweep': escalationSweep,
  'forum-sweep': forumSweep,
  'retention-sweep': retentionSweep,
};

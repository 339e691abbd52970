import type { Migration } from 'kysely';
import * as foundation from './0001_foundation';
import * as delivery from './0002_delivery';
import * as rapidReview from './0003_rapid_review';
import * as actions from './0004_actions';
import * as forum from './0005_forum';
import * as meetings from './0006_meetings';
import * as deliverySweepIndex from './0007_delivery_sweep_index';
import * as cardRefreshMarks from './0008_card_refresh_marks';
import * as conversationWelcomed from './0009_conversation_welcomed';
import * as meetingJobLeases from './0010_meeting_job_leases';
import * as rapidReviewMessageSkipped from './0011_rapid_review_message_skipped';

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_delivery': delivery,
  '0003_rapid_review': rapidReview,
  '0004_actions': actions,
  '0005_forum': forum,
  '0006_meetings': meetings,
  '0007_delivery_sweep_index': deliverySweepIndex,
  '0008_card_refresh_marks': cardRefreshMarks,
  '0009_conversation_welcomed': conversationWelcomed,
  '0010_meeting_job_leases': meetingJobLeases,
  '0011_rapid_review_message_skipped': rapidReviewMessageSkipped,
};

import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** A calendar date in the partnership's time zone, stored as `YYYY-MM-DD` text. */
type IsoDate = string;

export interface RapidReviewsTable {
  id: string;
  partnership_id: string;
  case_reference: string;
  notification_date: IsoDate;
  /** `death` or `serious-harm`. */
  category: string;
  chair_id: string;
  opened_by: string;
  opened_on: IsoDate;
  panel_deadline: IsoDate;
  tracker_message_id: string | null;
  requests_closed_at: Date | null;
  requests_closed_by: string | null;
  created_at: Timestamp;
}

export interface RapidReviewRequestsTable {
  id: string;
  rapid_review_id: string;
  partnership_id: string;
  agency_id: string;
  addressee_id: string;
  delegate_id: string | null;
  /** `awaiting`, `draft`, `submitted` or `declined` (answered "not involved"). */
  status: string;
  requested_on: IsoDate;
  deadline: IsoDate;
  extension_reason: string | null;
  /** The answer (draft or submitted): free text lives here, never in cards for others, jobs or logs. */
  answers: ColumnType<Record<string, string> | null, string | null, string | null>;
  submitted_at: Date | null;
  submitted_by: string | null;
  overdue_at: Date | null;
  /** When the reminder sweep next has something to do for this request (indexed). */
  next_reminder_at: Date | null;
  /** `before`, `on-day` or `overdue`. */
  next_reminder_kind: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every message this feature sends, recorded before it is sent (an outbox): a lost job is found again. */
export interface RapidReviewMessagesTable {
  message_id: string;
  rapid_review_id: string;
  request_id: string | null;
  /** `tracker`, `request`, `delegated`, `reminder-before`, `reminder-on-day`, `chase` or `open-form`. */
  purpose: string;
  recipients: ColumnType<string[], string, string>;
  created_by: string;
  sent_at: Date | null;
  /** Why it will never be sent (`NO_RECIPIENT`): the sweep leaves it be. Null while it may still go. */
  skipped: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface RapidReviewDecisionsTable {
  rapid_review_id: string;
  /** `local-review`, `no-local-review`, `national-review` or `more-information`. */
  outcome: string;
  learning: string;
  decided_by: string;
  decided_at: Timestamp;
}

export interface RapidReviewRecommendationsTable {
  id: Generated<string>;
  rapid_review_id: string;
  category: string;
  text: string;
  /** The id routing gave it (core/recommendations/submit.ts). */
  recommendation_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** A review's Teams cards to rewrite after a change (migration 0008); drained into refresh jobs. */
export interface RapidReviewCardRefreshesTable {
  id: Generated<string>;
  partnership_id: string;
  rapid_review_id: string;
  /** The request whose copies changed too; null when only the tracker did. */
  request_id: string | null;
  marked_at: Generated<Date>;
}

/** Tables of the rapid-review feature (migrations 0003_rapid_review and 0008_card_refresh_marks). */
export interface RapidReviewTables {
  rapid_reviews: RapidReviewsTable;
  rapid_review_requests: RapidReviewRequestsTable;
  rapid_review_messages: RapidReviewMessagesTable;
  rapid_review_decisions: RapidReviewDecisionsTable;
  rapid_review_recommendations: RapidReviewRecommendationsTable;
  rapid_review_card_refreshes: RapidReviewCardRefreshesTable;
}

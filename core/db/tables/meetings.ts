import type { ColumnType } from 'kysely';
import type { Timestamp } from '../schema';

export const MEETING_PURPOSES = ['rapid-review', 'subgroup', 'other'] as const;
export type MeetingPurpose = (typeof MEETING_PURPOSES)[number];

export const MEETING_REQUEST_STATUSES = [
  /** The worker is reading free/busy. */
  'finding',
  /** Slots (or a year of dates) are on the chair's card. */
  'offered',
  /** Nothing fits the window: the card offers to widen it or drop optional attendees. */
  'no-slot',
  /** Graph did not know an attendee, or could not be reached after retries. */
  'failed',
  /** The chair picked; the worker is creating (or moving) the event. */
  'booking',
  'booked',
  /** The chair set it aside (e.g. widened the window: a new request replaced it). */
  'superseded',
] as const;
export type MeetingRequestStatus = (typeof MEETING_REQUEST_STATUSES)[number];

/** One offered slot (or one date of a proposed year). */
export interface MeetingOffer {
  start: string;
  end: string;
  /** Optional attendees who are free then (person ids). */
  optionalFree: string[];
}

export interface MeetingRequestsTable {
  id: string;
  partnership_id: string;
  purpose: MeetingPurpose;
  /** What the event subject carries: the Rapid Review's case reference, or the subgroup id. */
  reference: string;
  rapid_review_id: string | null;
  subgroup_id: string | null;
  /** The person who asked; the only one who may pick, reschedule or cancel. */
  chair_id: string;
  required_ids: ColumnType<string[], string, string>;
  optional_ids: ColumnType<string[], string, string>;
  length_minutes: number;
  window_start: Date;
  window_end: Date;
  /** A year of meetings at the subgroup's frequency, one offer per date. */
  recurring: boolean;
  /** Set when this request moves an existing meeting instead of creating one. */
  reschedules_meeting_id: string | null;
  status: MeetingRequestStatus;
  offers: ColumnType<MeetingOffer[], string | undefined, string>;
  picked: number | null;
  /** A stable code for the chair's message (e.g. `UNKNOWN_ATTENDEE`, `GRAPH_HTTP_503`). */
  problem_code: string | null;
  /** Person ids the problem is about (unknown attendees); never free text. */
  problem_people: ColumnType<string[], string | undefined, string>;
  /** The card (sent with sendMessage) that shows the chair this request's progress and offers. */
  message_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const MEETING_STATUSES = ['booked', 'cancelling', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MeetingsTable {
  id: string;
  partnership_id: string;
  request_id: string;
  /** 0 for a single meeting; 0..n-1 for a year of subgroup meetings. */
  occurrence: number;
  subject: string;
  organiser: string;
  event_id: string;
  join_url: string | null;
  web_link: string | null;
  start_at: Date;
  end_at: Date;
  status: MeetingStatus;
  chair_id: string;
  attendee_ids: ColumnType<string[], string, string>;
  /** The confirmation card sent to the chair and attendees. */
  confirmation_message_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One run at a time per meeting request or meeting (core/meetings/exclusive.ts; migration 0010). */
export interface MeetingJobLeasesTable {
  key: string;
  holder: string;
  until: Date;
}

/** Tables of the meetings feature (migrations core/db/migrations/0006_meetings.ts and 0010). */
export interface MeetingTables {
  meeting_requests: MeetingRequestsTable;
  meetings: MeetingsTable;
  meeting_job_leases: MeetingJobLeasesTable;
}

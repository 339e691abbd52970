import type { ColumnType, Generated } from 'kysely';

/** Tables of the forum feature (migration 0005_forum). */
export type ForumSessionStatus = 'scheduled' | 'open' | 'closed';

export interface ForumSessionsTable {
  id: string;
  partnership_id: string;
  /** What people type, e.g. FORUM-2026-10-14 (the session date). */
  reference: string;
  title: string;
  half_term: string;
  /** Local date YYYY-MM-DD. */
  session_date: string;
  recording_url: string | null;
  source: 'manual' | 'term-dates';
  status: ColumnType<ForumSessionStatus, ForumSessionStatus | undefined, ForumSessionStatus>;
  created_by: string;
  created_at: Generated<Date>;
  /** The form as sent (messages.id), once issued. */
  message_id: string | null;
  issued_by: string | null;
  issued_at: Date | null;
  deadline_at: Date | null;
  closed_at: Date | null;
  /** Fixed when the form is issued, from the partnership file. */
  anonymous: boolean | null;
  /** Keys respondent_key while the form is open; erased at closing. */
  respondent_salt: string | null;
  you_said_message_id: string | null;
}

export interface ForumRecipientsTable {
  session_id: string;
  person_id: string;
  school_id: string;
  phase: string;
  role: 'dsl' | 'deputy';
  answered_at: Date | null;
  answers: ColumnType<number, number | undefined, number>;
}

/** One answer. For an anonymous form: no person, school, phase or time, and the key is erased at closing. */
export interface ForumAnswersTable {
  id: string;
  session_id: string;
  respondent_key: string | null;
  person_id: string | null;
  school_id: string | null;
  phase: string | null;
  successes: string;
  issues: string;
  topics: string;
  usefulness: number;
  consent: boolean;
  submitted_at: Date | null;
}

/** Which message carries which form (the form itself, each reminder, the "you said, we did"). */
export interface ForumMessagesTable {
  message_id: string;
  session_id: string;
  purpose: 'form' | 'reminder' | 'you-said' | 'report';
  reminder_offset: number | null;
  created_at: Generated<Date>;
}

export interface ForumThemeRepliesTable {
  session_id: string;
  theme_id: string;
  text: string;
  written_by: string;
  written_at: Generated<Date>;
}

export interface ForumExportLinksTable {
  token: string;
  session_id: string;
  person_id: string;
  format: 'csv' | 'xlsx';
  expires_at: Date;
}

export interface ForumTables {
  forum_sessions: ForumSessionsTable;
  forum_recipients: ForumRecipientsTable;
  forum_answers: ForumAnswersTable;
  forum_messages: ForumMessagesTable;
  forum_theme_replies: ForumThemeRepliesTable;
  forum_export_links: ForumExportLinksTable;
}

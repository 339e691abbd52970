import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ActionTables } from './tables/actions';
import type { ForumTables } from './tables/forum';
import type { MeetingTables } from './tables/meetings';
import type { RapidReviewTables } from './tables/rapid-review';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PeopleTable {
  partnership_id: string;
  id: string;
  display_name: string;
  email: string;
  entra_object_id: string | null;
  agency: string;
  roles: string[];
  active: boolean;
  synced_at: Timestamp;
}

export interface ConversationReferencesTable {
  conversation_id: string;
  partnership_id: string;
  person_id: string | null;
  channel_id: string;
  conversation_type: string;
  service_url: string;
  tenant_id: string | null;
  user_aad_object_id: string | null;
  reference: ColumnType<ConversationReferenceJson, string, string>;
  installed: boolean;
  updated_at: Timestamp;
  /** When the welcome was sent since the bot was last installed here (null: not yet). */
  welcomed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The stored Bot Framework conversation reference, kept as JSON. */
export type ConversationReferenceJson = Record<string, unknown>;

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  partnership_id: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: ColumnType<Record<string, unknown>, string, never>;
}

export interface MessagesTable {
  id: string;
  partnership_id: string;
  /** What the message is, e.g. `notice`; decides which card verbs it carries. */
  kind: string;
  case_reference: string | null;
  /** Email subject: a case reference and a generic phrase, never a child's details. */
  subject: string;
  /** Short plain-language summary for the email body. */
  summary: string;
  card: ColumnType<Record<string, unknown>, string, string>;
  /** The Action.Execute verb a web-form submission is handled as, when the card is a form. */
  form_verb: string | null;
  created_by: string;
  recipients: number;
  progress_conversation_id: string | null;
  progress_activity_id: string | null;
  created_at: Generated<Date>;
}

export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'delivered',
  'unconfirmed',
  'failed',
  'undeliverable',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryChannel = 'teams' | 'email';

export interface DeliveriesTable {
  id: Generated<string>;
  message_id: string;
  partnership_id: string;
  person_id: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  channel: DeliveryChannel | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error_code: string | null;
  conversation_id: string | null;
  activity_id: string | null;
  answered_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface FormTokensTable {
  jti: string;
  message_id: string;
  person_id: string;
  expires_at: Date;
  used_at: Date | null;
}

/** Every table; each feature's tables are declared in core/db/tables/. */
export interface Database extends RapidReviewTables, ActionTables, ForumTables, MeetingTables {
  people: PeopleTable;
  conversation_references: ConversationReferencesTable;
  audit_log: AuditLogTable;
  messages: MessagesTable;
  deliveries: DeliveriesTable;
  form_tokens: FormTokensTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
export type MessageRow = Selectable<MessagesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface Database {
  people: PeopleTable;
  conversation_references: ConversationReferencesTable;
  audit_log: AuditLogTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;

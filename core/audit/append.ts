import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEvent {
  partnershipId: string;
  /** A person id, or `system:<job>` for automated changes. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** IDs and codes only: never names or free text about a child. */
  details?: Record<string, string | number | boolean | null>;
}

export async function appendAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      partnership_id: event.partnershipId,
      actor: event.actor,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AdaptiveCardJson } from '../../cards/expand';
import { withRefresh } from '../../cards/tracked-action/refresh';
import { teamsUserIdsByPerson, MAX_REFRESH_USER_IDS } from '../conversations/teams-user-ids';

/** Message kinds of this feature, each with a per-viewer CardView (core/actions/views.ts). */
export const ACTION_MESSAGE_KINDS = {
  action: 'action',
  escalation: 'action-escalation',
  recommendation: 'recommendation',
} as const;

export interface StagedMessage {
  id: string;
  partnershipId: string;
  kind: string;
  caseReference: string | null;
  /** Carries the case reference when there is one; never an action title or a child's details. */
  subject: string;
  summary: string;
  card: AdaptiveCardJson;
  createdBy: string;
  recipients: string[];
}

/** The message's card with a Teams refresh for its recipients (by their Teams user ids, at most 60). */
function withRecipientsRefresh(m: StagedMessage, byPerson: Map<string, string[]>): AdaptiveCardJson {
  const ids = [...new Set(m.recipients.flatMap((p) => byPerson.get(p) ?? []))];
  return withRefresh(m.card, m.id, ids.slice(0, MAX_REFRESH_USER_IDS));
}

/**
 * Records many messages and their deliveries in a few statements, inside the caller's transaction (the
 * same rows sendMessage records). Every card gets a Teams `refresh` listing its recipients' Teams user
 * ids (one query for the whole set), so each viewer's Teams asks for their own version. The caller
 * queues their fan-out jobs after commit; a lost job leaves pending deliveries that the delivery sweep
 * picks up.
 */
export async function stageMessages(db: Kysely<Database>, messages: readonly StagedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const partnershipId = messages[0]!.partnershipId;
  const byPerson = await teamsUserIdsByPerson(
    db,
    partnershipId,
    messages.flatMap((m) => m.recipients),
  );
  for (let i = 0; i < messages.length; i += 500) {
    const chunk = messages.slice(i, i + 500);
    await db
      .insertInto('messages')
      .values(
        chunk.map((m) => ({
          id: m.id,
          partnership_id: m.partnershipId,
          kind: m.kind,
          case_reference: m.caseReference,
          subject: m.subject,
          summary: m.summary,
          card: JSON.stringify(withRecipientsRefresh(m, byPerson)),
          form_verb: null,
          created_by: m.createdBy,
          recipients: new Set(m.recipients).size,
          progress_conversation_id: null,
          progress_activity_id: null,
        })),
      )
      .execute();
    const deliveries = chunk.flatMap((m) =>
      [...new Set(m.recipients)].map((personId) => ({
        message_id: m.id,
        partnership_id: m.partnershipId,
        person_id: personId,
        channel: null,
        last_error_code: null,
        conversation_id: null,
        activity_id: null,
        answered_at: null,
        // Delivery bookkeeping runs on the real clock, which the delivery sweep measures staleness by.
        updated_at: new Date(),
      })),
    );
    if (deliveries.length) await db.insertInto('deliveries').values(deliveries).execute();
  }
}

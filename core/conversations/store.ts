import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { conversationReferenceSchema, type StoredConversationReference } from './reference';

export interface SaveReference {
  partnershipId: string;
  personId: string | null;
  reference: StoredConversationReference;
}

export async function saveConversationReference(db: Kysely<Database>, input: SaveReference): Promise<void> {
  const ref = conversationReferenceSchema.parse(input.reference);
  const row = {
    conversation_id: ref.conversation.id,
    partnership_id: input.partnershipId,
    person_id: input.personId,
    channel_id: ref.channelId,
    conversation_type: ref.conversation.conversationType ?? 'personal',
    service_url: ref.serviceUrl,
    tenant_id: ref.conversation.tenantId ?? null,
    user_aad_object_id: ref.user?.aadObjectId ?? null,
    reference: JSON.stringify(ref),
    installed: true,
    updated_at: new Date(),
  };
  await db
    .insertInto('conversation_references')
    .values(row)
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet({
        person_id: row.person_id,
        service_url: row.service_url,
        tenant_id: row.tenant_id,
        user_aad_object_id: row.user_aad_object_id,
        reference: row.reference,
        installed: true,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/**
 * True once per install of the bot in a conversation: the caller that gets true sends the welcome. Install
 * events repeat (Teams sends two per install, the Playground one per page load), in any order.
 */
export async function claimWelcome(db: Kysely<Database>, conversationId: string): Promise<boolean> {
  const claimed = await db
    .updateTable('conversation_references')
    .set({ welcomed_at: new Date() })
    .where('conversation_id', '=', conversationId)
    .where('welcomed_at', 'is', null)
    .returning('conversation_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function markUninstalled(db: Kysely<Database>, conversationId: string): Promise<void> {
  await db
    .updateTable('conversation_references')
    .set({ installed: false, welcomed_at: null, updated_at: new Date() })
    .where('conversation_id', '=', conversationId)
    .execute();
}

/** The personal (1:1) conversation in which the bot can reach this person, if any. */
export async function findPersonalReference(
  db: Kysely<Database>,
  partnershipId: string,
  personId: string,
): Promise<StoredConversationReference | undefined> {
  const row = await db
    .selectFrom('conversation_references')
    .select('reference')
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('conversation_type', '=', 'personal')
    .where('installed', '=', true)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? conversationReferenceSchema.parse(row.reference) : undefined;
}

export async function findReferenceByConversation(
  db: Kysely<Database>,
  conversationId: string,
): Promise<StoredConversationReference | undefined> {
  const row = await db
    .selectFrom('conversation_references')
    .select('reference')
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row ? conversationReferenceSchema.parse(row.reference) : undefined;
}

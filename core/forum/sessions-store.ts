import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { ForumSessionsTable } from '../db/tables/forum';

export type ForumSession = Selectable<ForumSessionsTable>;

export async function sessionById(
  db: Kysely<Database>,
  partnershipId: string,
  id: string,
): Promise<ForumSession | undefined> {
  return db
    .selectFrom('forum_sessions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function sessionByReference(
  db: Kysely<Database>,
  partnershipId: string,
  reference: string,
): Promise<ForumSession | undefined> {
  return db
    .selectFrom('forum_sessions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('reference', '=', reference.toUpperCase())
    .executeTakeFirst();
}

export async function listSessions(db: Kysely<Database>, partnershipId: string): Promise<ForumSession[]> {
  return db
    .selectFrom('forum_sessions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('session_date')
    .execute();
}

/** The session a forum message (the form, a reminder, the "you said, we did") belongs to. */
export async function sessionOfMessage(
  db: Kysely<Database>,
  messageId: string,
): Promise<{ session: ForumSession; purpose: string } | undefined> {
  const row = await db
    .selectFrom('forum_messages')
    .select(['session_id', 'purpose'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  if (!row) return undefined;
  const session = await db
    .selectFrom('forum_sessions')
    .selectAll()
    .where('id', '=', row.session_id)
    .executeTakeFirst();
  return session ? { session, purpose: row.purpose } : undefined;
}

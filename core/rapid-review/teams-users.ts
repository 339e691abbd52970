import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';

const stored = z.object({ user: z.object({ id: z.string().min(1) }).optional() });

/** The Teams user ids (from stored 1:1 conversations) of these people, for a card's `refresh.userIds`. */
export async function teamsUserIds(
  db: Kysely<Database>,
  partnershipId: string,
  personIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('conversation_references')
    .select('reference')
    .where('partnership_id', '=', partnershipId)
    .where('person_id', 'in', [...personIds])
    .where('conversation_type', '=', 'personal')
    .where('installed', '=', true)
    .execute();
  const ids = new Set<string>();
  for (const r of rows) {
    const parsed = stored.safeParse(r.reference);
    if (parsed.success && parsed.data.user) ids.add(parsed.data.user.id);
  }
  return [...ids].slice(0, 60);
}

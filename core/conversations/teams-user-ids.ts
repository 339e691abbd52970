import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';

const stored = z.object({ user: z.object({ id: z.string().min(1) }).optional() });

/** Teams accepts at most this many ids in a card's `refresh.userIds`. */
export const MAX_REFRESH_USER_IDS = 60;

/**
 * Each person's Teams user id (the `29:...` MRI Teams puts in `from.id`, kept as `user.id` of the stored 1:1
 * conversation), by person id. People without an installed personal conversation are absent.
 */
export async function teamsUserIdsByPerson(
  db: Kysely<Database>,
  partnershipId: string,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>();
  const wanted = [...new Set(personIds)];
  if (wanted.length === 0) return byPerson;
  const rows = await db
    .selectFrom('conversation_references')
    .select(['person_id', 'reference'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', 'in', wanted)
    .where('conversation_type', '=', 'personal')
    .where('installed', '=', true)
    .execute();
  for (const r of rows) {
    const parsed = stored.safeParse(r.reference);
    if (!r.person_id || !parsed.success || !parsed.data.user) continue;
    const ids = byPerson.get(r.person_id) ?? [];
    if (!ids.includes(parsed.data.user.id)) ids.push(parsed.data.user.id);
    byPerson.set(r.person_id, ids);
  }
  return byPerson;
}

/**
 * The Teams user ids (from stored 1:1 conversations) of these people, for a card's `refresh.userIds`
 * (Teams expects these, not Entra object ids), at most 60, in the order the people were given.
 */
export async function teamsUserIds(
  db: Kysely<Database>,
  partnershipId: string,
  personIds: readonly string[],
): Promise<string[]> {
  const byPerson = await teamsUserIdsByPerson(db, partnershipId, personIds);
  const ids = new Set<string>();
  for (const id of personIds) for (const teamsId of byPerson.get(id) ?? []) ids.add(teamsId);
  return [...ids].slice(0, MAX_REFRESH_USER_IDS);
}

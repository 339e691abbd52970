import { sql, type Kysely } from 'kysely';
import type { Partnership } from '../../config/partnership/schema';
import type { Database } from '../db/schema';

const PEOPLE_PER_STATEMENT = 5_000;

export interface SyncOutcome {
  upserted: number;
  deactivated: number;
}

/**
 * Mirrors the partnership file's people into PostgreSQL so that rows such as
 * deliveries and actions can reference them. People removed from the file are
 * kept (history points at them) but marked inactive.
 */
export async function syncPeople(db: Kysely<Database>, partnership: Partnership): Promise<SyncOutcome> {
  return db.transaction().execute(async (trx) => {
    const syncedAt = new Date();
    const rows = partnership.people.map((p) => ({
      partnership_id: partnership.id,
      id: p.id,
      display_name: p.displayName,
      email: p.email,
      entra_object_id: p.entraObjectId ?? null,
      agency: p.agency,
      roles: p.roles,
      active: true,
      synced_at: syncedAt,
    }));
    // PostgreSQL takes at most 65,535 parameters a statement: 9 a person, so in chunks.
    for (let i = 0; i < rows.length; i += PEOPLE_PER_STATEMENT) {
      await trx
        .insertInto('people')
        .values(rows.slice(i, i + PEOPLE_PER_STATEMENT))
        .onConflict((oc) =>
          oc.columns(['partnership_id', 'id']).doUpdateSet((eb) => ({
            display_name: eb.ref('excluded.display_name'),
            email: eb.ref('excluded.email'),
            entra_object_id: eb.ref('excluded.entra_object_id'),
            agency: eb.ref('excluded.agency'),
            roles: eb.ref('excluded.roles'),
            active: true,
            synced_at: eb.ref('excluded.synced_at'),
          })),
        )
        .execute();
    }
    // The ids as one array parameter, however many people there are.
    const ids = partnership.people.map((p) => p.id);
    const gone = await trx
      .updateTable('people')
      .set({ active: false, synced_at: sql`now()` })
      .where('partnership_id', '=', partnership.id)
      .where('active', '=', true)
      .where(sql<boolean>`id <> all(${ids}::text[])`)
      .executeTakeFirst();
    return { upserted: rows.length, deactivated: Number(gone.numUpdatedRows) };
  });
}

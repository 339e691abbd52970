import { sql, type Kysely } from 'kysely';

/** The delivery sweep looks only at deliveries still open (pending, or left mid-send) by age. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('deliveries_open_idx')
    .on('deliveries')
    .columns(['partnership_id', 'updated_at'])
    .where(sql.ref('status'), 'in', ['pending', 'sending'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_open_idx').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * Rapid Review cards to rewrite in Teams, recorded in the same statement as the change that made them
 * stale (so a crash or a Redis outage cannot lose one); the workers turn them into refresh jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rapid_review_card_refreshes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('rapid_review_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('rapid_review_card_refreshes_partnership_idx')
    .on('rapid_review_card_refreshes')
    .columns(['partnership_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rapid_review_card_refreshes').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * One run at a time per meeting request or meeting, without holding a database connection while a job
 * waits on Graph (the embedded database has only one): a run takes a lease row, and a run that dies
 * leaves it to expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_job_leases')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_job_leases').execute();
}

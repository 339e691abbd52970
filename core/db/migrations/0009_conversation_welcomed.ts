import type { Kysely } from 'kysely';

/** When the welcome was sent since the last install, so repeated install events greet once. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_references').addColumn('welcomed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_references').dropColumn('welcomed_at').execute();
}

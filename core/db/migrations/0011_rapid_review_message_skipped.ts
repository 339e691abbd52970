import type { Kysely } from 'kysely';

/**
 * Why a recorded Rapid Review message was never sent (e.g. nobody it was for is still in the directory):
 * the sweep stops re-sending it, and the pack's timeline says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rapid_review_messages').addColumn('skipped', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rapid_review_messages').dropColumn('skipped').execute();
}

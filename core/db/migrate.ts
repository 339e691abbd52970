import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations';

export interface MigrateOutcome {
  applied: string[];
}

/**
 * The advisory lock every migration run and every schema drop on the server takes (see
 * test/support/postgres.ts): Kysely's migrator reads the catalog of every schema, which fails if
 * another schema is dropped at that moment.
 */
export const SCHEMA_CHANGE_LOCK = 7_215_304_121;

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  // One connection throughout, so the session lock and the migration are on the same one (and an
  // embedded single-connection database works the same way).
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${SCHEMA_CHANGE_LOCK})`.execute(conn);
    try {
      return await migrateOn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_CHANGE_LOCK})`.execute(conn);
    }
  });
}

async function migrateOn<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  // Kysely looks for its bookkeeping tables in every schema unless told which;
  // name the current one so databases that share a server never see each other's.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: rows[0]?.schema ?? 'public',
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${String(result.error instanceof Error ? result.error.message : result.error)}`,
    );
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

/** The migrations not yet applied to this database (all of them on a new one). Changes nothing. */
export async function pendingMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: rows[0]?.schema ?? 'public',
    provider: { getMigrations: async () => migrations },
  });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

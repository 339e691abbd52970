import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations';

export interface MigrateOutcome {
  applied: string[];
}

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
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

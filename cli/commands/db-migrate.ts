import path from 'node:path';
import { parseEnv } from '../../config/env';
import { openDatabase } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';

export async function dbMigrate(out: (line: string) => void): Promise<void> {
  const env = parseEnv(process.env);
  const handle = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dir: path.resolve(env.EMBEDDED_DB_DIR) },
  );
  try {
    const { applied } = await migrateToLatest(handle.db);
    out(
      applied.length === 0
        ? `database (${handle.kind}) already up to date`
        : `applied ${applied.length} migration(s) to the ${handle.kind} database: ${applied.join(', ')}`,
    );
  } finally {
    await handle.close();
  }
}

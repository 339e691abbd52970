import { migrateToLatest } from '../../core/db/migrate';
import { openCliDatabase } from './database';

export async function dbMigrate(out: (line: string) => void): Promise<void> {
  const handle = await openCliDatabase();
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

import path from 'node:path';
import { parseEnv } from '../../config/env';
import { openDatabase, type DatabaseHandle } from '../../core/db/connect';
import { pendingMigrations } from '../../core/db/migrate';

/** DATABASE_URL, or the embedded database under EMBEDDED_DB_DIR (the one `npm run dev` uses). */
export function openCliDatabase(): Promise<DatabaseHandle> {
  const env = parseEnv(process.env);
  return openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dir: path.resolve(env.EMBEDDED_DB_DIR) },
  );
}

/** The same, for commands that read the product's tables: refused in a sentence until they exist. */
export async function openSetUpDatabase(): Promise<DatabaseHandle> {
  const handle = await openCliDatabase();
  const pending = await pendingMigrations(handle.db);
  if (pending.length > 0) {
    await handle.close();
    throw new Error(
      `the ${handle.kind} database is not set up (${pending.length} migration(s) not applied): run "npx masa db migrate" first`,
    );
  }
  return handle;
}

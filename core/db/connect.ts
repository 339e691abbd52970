import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool';
import { usePreparedStatements } from './prepared-statements';
import type { Database } from './schema';

export type DatabaseTarget =
  { kind: 'postgres'; url: string; schema?: string } | { kind: 'embedded'; dir: string | null };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite database
 * (under `dir`, or in memory when `dir` is null). Both run the same migrations.
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  let db: Kysely<Database>;
  if (target.kind === 'postgres') {
    const pool = new Pool({
      connectionString: target.url,
      max: 10,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    usePreparedStatements(pool);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    const lite = target.dir ? await PGlite.create(target.dir) : await PGlite.create();
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(lite) }) });
  }
  return {
    db,
    kind: target.kind,
    async ping() {
      await db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
    },
    async close() {
      await db.destroy();
    },
  };
}

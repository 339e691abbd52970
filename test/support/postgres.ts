import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SCHEMA_CHANGE_LOCK } from '../../core/db/migrate';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** A DATABASE_URL whose search_path is this test's own schema. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh schema per test file on the real PostgreSQL, so tests never share rows. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      // Under the lock migrations take: their catalog reads fail on a schema dropped mid-read.
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_CHANGE_LOCK]);
      await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await c.query('COMMIT');
      await c.end();
    },
  };
}

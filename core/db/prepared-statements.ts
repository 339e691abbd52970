import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/** SQL text → statement name, for the few fixed statements on a hot path. */
const names = new Map<string, string>();

/**
 * Marks a fixed SQL text (values bound, never spliced in) as a server-side prepared statement: each
 * pooled connection parses and plans it once, then only binds and executes it. Returns the text, so a
 * module can write `const SQL = preparedStatement(`...`)`.
 */
export function preparedStatement(sql: string): string {
  names.set(sql, `masa_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
  return sql;
}

type Query = (...args: unknown[]) => unknown;

/** Makes a pool's connections send marked texts as named statements (Kysely passes text and values). */
export function usePreparedStatements(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as Query;
    const named: Query = (...args) => {
      const [text, values] = args;
      const name = typeof text === 'string' && args.length <= 2 ? names.get(text) : undefined;
      return name ? query({ name, text, values }) : query(...args);
    };
    (client as unknown as { query: Query }).query = named;
  });
}

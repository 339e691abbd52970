import { CompiledQuery, sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';
import { preparedStatement } from '../../core/db/prepared-statements';
import type { Database } from '../../core/db/schema';
import { createTestSchema, type TestSchema } from '../support/postgres';

interface Prepared {
  name: string;
  statement: string;
  from_sql: boolean;
}

interface Item {
  id: number;
  label: string;
}

/** Statements only this test runs, so no other module's registration can match them. */
const LOOKUP = preparedStatement(
  `select id, label from prepared_test_items where id >= $1 and label <> $2 order by id /* prepared-statements.test */`,
);
const UNREGISTERED = `select count(*)::int as n from prepared_test_items where id < $1 /* prepared-statements.test */`;

async function preparedOn(conn: Kysely<Database>): Promise<Prepared[]> {
  const { rows } = await conn.executeQuery<Prepared>(
    CompiledQuery.raw('select name, statement, from_sql from pg_prepared_statements order by name'),
  );
  return rows;
}

async function lookup(conn: Kysely<Database>, minId: number, notLabel: string): Promise<Item[]> {
  return (await conn.executeQuery<Item>(CompiledQuery.raw(LOOKUP, [minId, notLabel]))).rows;
}

describe('named server-side prepared statements on PostgreSQL', () => {
  let schema: TestSchema;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    schema = await createTestSchema();
    handle = await openDatabase({ kind: 'postgres', url: schema.url, schema: schema.name });
    await migrateToLatest(handle.db);
    await sql`create table prepared_test_items (id int primary key, label text not null)`.execute(handle.db);
    await sql`insert into prepared_test_items (id, label) values (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')`.execute(
      handle.db,
    );
  });
  afterAll(async () => {
    await handle?.close();
    await schema?.drop();
  });

  it('runs a registered text with different bound values, as one named statement per connection', async () => {
    await handle.db.connection().execute(async (conn) => {
      expect(await lookup(conn, 2, 'three')).toEqual([
        { id: 2, label: 'two' },
        { id: 4, label: 'four' },
      ]);
      expect(await lookup(conn, 1, 'one')).toEqual([
        { id: 2, label: 'two' },
        { id: 3, label: 'three' },
        { id: 4, label: 'four' },
      ]);
      expect(await lookup(conn, 5, 'one')).toEqual([]);

      const mine = (await preparedOn(conn)).filter((p) => p.statement === LOOKUP);
      expect(mine).toEqual([
        { name: expect.stringMatching(/^masa_[0-9a-f]+$/), statement: LOOKUP, from_sql: false },
      ]);
    });
  });

  it('prepares the text on each connection that runs it, under the same name', async () => {
    const names = await handle.db.connection().execute((first) =>
      // Nested: the two callbacks hold two different pooled connections at once.
      handle.db.connection().execute(async (second) => {
        const [pidA, pidB] = await Promise.all([first, second].map(backendPid));
        expect(pidA).not.toBe(pidB);
        expect(await lookup(first, 3, 'x')).toEqual([
          { id: 3, label: 'three' },
          { id: 4, label: 'four' },
        ]);
        expect(await lookup(second, 4, 'x')).toEqual([{ id: 4, label: 'four' }]);
        return Promise.all(
          [first, second].map(async (c) =>
            (await preparedOn(c)).filter((p) => p.statement === LOOKUP).map((p) => p.name),
          ),
        );
      }),
    );
    expect(names[0]).toHaveLength(1);
    expect(names[1]).toEqual(names[0]);
  });

  it('leaves an unregistered text unnamed: it is not kept on the server', async () => {
    await handle.db.connection().execute(async (conn) => {
      const { rows } = await conn.executeQuery<{ n: number }>(CompiledQuery.raw(UNREGISTERED, [3]));
      expect(rows).toEqual([{ n: 2 }]);
      await lookup(conn, 1, 'x');

      const statements = (await preparedOn(conn)).map((p) => p.statement);
      expect(statements).toContain(LOOKUP);
      expect(statements).not.toContain(UNREGISTERED);
    });
  });

  it('keeps ordinary Kysely queries working, in and out of a transaction', async () => {
    const db = handle.db;
    const reviewId = 'review-1';
    await db.connection().execute(async (conn) => {
      await lookup(conn, 1, 'x');
      await conn
        .insertInto('rapid_review_card_refreshes')
        .values([
          { partnership_id: 'p', rapid_review_id: reviewId, request_id: 'request-1' },
          { partnership_id: 'p', rapid_review_id: reviewId, request_id: null },
        ])
        .execute();
      const rows = await conn
        .selectFrom('rapid_review_card_refreshes')
        .select(['rapid_review_id', 'request_id'])
        .where('partnership_id', '=', 'p')
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { rapid_review_id: reviewId, request_id: 'request-1' },
        { rapid_review_id: reviewId, request_id: null },
      ]);
    });

    await db.transaction().execute(async (trx) => {
      await sql`insert into prepared_test_items (id, label) values (${5}, ${'five'})`.execute(trx);
      expect(await lookup(trx, 5, 'x')).toEqual([{ id: 5, label: 'five' }]);
      const deleted = await trx
        .deleteFrom('rapid_review_card_refreshes')
        .where('rapid_review_id', '=', reviewId)
        .executeTakeFirst();
      expect(deleted.numDeletedRows).toBe(2n);
      await sql`delete from prepared_test_items where id = ${5}`.execute(trx);
    });

    const { rows } = await sql<Item>`select id, label from prepared_test_items where id = ${2}`.execute(db);
    expect(rows).toEqual([{ id: 2, label: 'two' }]);
    expect(await db.selectFrom('rapid_review_card_refreshes').selectAll().execute()).toEqual([]);
    expect(await lookup(db, 4, 'four')).toEqual([]);
  });
});

async function backendPid(conn: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
  return rows[0]!.pid;
}

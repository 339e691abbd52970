import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';
import { exclusively } from '../../core/meetings/exclusive';

/**
 * One run at a time per meeting request, on the embedded database `npm run dev` uses: PGlite has a single
 * connection, so holding the key must not hold that connection while the run itself queries.
 */
describe('meeting jobs run one at a time per key, on the embedded database', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openDatabase({ kind: 'embedded', dir: null });
    await migrateToLatest(h.db);
  }, 60_000);
  afterAll(() => h.close());

  it('lets the run query while it holds its key, turns a second run away, and frees the key after', async () => {
    const first = await exclusively({ db: h.db }, 'meeting-request:1', async () => {
      const concurrent = await exclusively({ db: h.db }, 'meeting-request:1', async () => 'second');
      const other = await exclusively({ db: h.db }, 'meeting-request:2', async () => 'other key');
      const { rows } = await sql<{ x: number }>`select 1 as x`.execute(h.db);
      return { concurrent, other, x: rows[0]!.x };
    });
    expect(first).toEqual({ concurrent: null, other: 'other key', x: 1 });
    expect(await exclusively({ db: h.db }, 'meeting-request:1', async () => 'again')).toBe('again');
  });

  it('frees the key when the run throws, and takes over a lease left by a run that died', async () => {
    await expect(
      exclusively({ db: h.db }, 'meeting:1', async () => {
        throw new Error('Graph failed');
      }),
    ).rejects.toThrow('Graph failed');
    expect(await exclusively({ db: h.db }, 'meeting:1', async () => 'free')).toBe('free');
    await sql`insert into meeting_job_leases (key, holder, until)
      values ('meeting:2', 'dead-run', now() - interval '1 second')`.execute(h.db);
    expect(await exclusively({ db: h.db }, 'meeting:2', async () => 'taken over')).toBe('taken over');
  });
});

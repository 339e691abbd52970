import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';
import { migrations } from '../../core/db/migrations';
import { syncPeople } from '../../core/directory/sync-people';
import { appendAudit } from '../../core/audit/append';
import { saveConversationReference, findPersonalReference } from '../../core/conversations/store';
import { loadPartnershipFile } from '../../config/partnership/load';
import { createTestSchema, type TestSchema } from '../support/postgres';

const targets: Array<[string, () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>]> = [
  [
    'PostgreSQL',
    async () => {
      const schema: TestSchema = await createTestSchema();
      const handle = await openDatabase({ kind: 'postgres', url: schema.url });
      return { handle, cleanup: async () => (await handle.close(), await schema.drop()) };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const handle = await openDatabase({ kind: 'embedded', dir: null });
      return { handle, cleanup: () => handle.close() };
    },
  ],
];

describe.each(targets)('migrations on %s', (_name, open) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  const wakefield = loadPartnershipFile('wakefield');

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
  });
  afterAll(() => cleanup());

  it('applies every migration once, then nothing', async () => {
    expect((await migrateToLatest(handle.db)).applied).toEqual(Object.keys(migrations));
    expect((await migrateToLatest(handle.db)).applied).toEqual([]);
    await handle.ping();
  });

  it('syncs people from the partnership file and deactivates removed ones', async () => {
    expect(await syncPeople(handle.db, wakefield)).toEqual({
      upserted: wakefield.people.length,
      deactivated: 0,
    });
    const fewer = { ...wakefield, people: wakefield.people.slice(1) };
    expect(await syncPeople(handle.db, fewer)).toEqual({
      upserted: wakefield.people.length - 1,
      deactivated: 1,
    });
    const removed = await handle.db
      .selectFrom('people')
      .select(['active', 'roles'])
      .where('id', '=', wakefield.people[0]!.id)
      .executeTakeFirstOrThrow();
    expect(removed).toEqual({ active: false, roles: wakefield.people[0]!.roles });
  });

  it('syncs a partnership the size of every school in England (more people than one statement takes)', async () => {
    const dsls = Array.from({ length: 24_000 }, (_, i) => ({
      id: `dsl-${i}`,
      displayName: `DSL ${i}`,
      email: `dsl-${i}@schools.example`,
      agency: wakefield.people[0]!.agency,
      roles: ['dsl' as const],
    }));
    const big = { ...wakefield, people: [...wakefield.people, ...dsls] };
    expect(await syncPeople(handle.db, big)).toEqual({ upserted: big.people.length, deactivated: 0 });
    expect(await syncPeople(handle.db, wakefield)).toEqual({
      upserted: wakefield.people.length,
      deactivated: 24_000,
    });
  }, 60_000);

  it('keeps the audit log append-only', async () => {
    await appendAudit(handle.db, {
      partnershipId: 'wakefield',
      actor: 'bu-manager',
      action: 'test.event',
      subjectType: 'case',
      subjectId: 'RR-2026-001',
      details: { step: 1 },
    });
    const row = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.event')
      .executeTakeFirstOrThrow();
    expect(row.details).toEqual({ step: 1 });
    await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('stores and finds a personal conversation reference', async () => {
    const reference = {
      bot: { id: '28:bot' },
      user: { id: '29:user', aadObjectId: '00000000-0000-4000-8000-000000000001' },
      conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
    };
    await saveConversationReference(handle.db, {
      partnershipId: 'wakefield',
      personId: 'bu-manager',
      reference,
    });
    await saveConversationReference(handle.db, {
      partnershipId: 'wakefield',
      personId: 'bu-manager',
      reference,
    });
    expect(await findPersonalReference(handle.db, 'wakefield', 'bu-manager')).toEqual(reference);
    expect(await findPersonalReference(handle.db, 'wakefield', 'someone-else')).toBeUndefined();
  });

  it('runs transactions from concurrent callers without interleaving', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        handle.db.transaction().execute(async (trx) => {
          await appendAudit(trx, {
            partnershipId: 'p',
            actor: 'a',
            action: 'tx',
            subjectType: 's',
            subjectId: String(i),
          });
        }),
      ),
    );
    const { count } = await handle.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('action', '=', 'tx')
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(5);
  });
});

import { PRESET_NAMES } from '../../config/partnership/load';
import { masa as runMasa } from '../support/masa-cli';
import { sql } from 'kysely';
import { openDatabase } from '../../core/db/connect';
import { createTestSchema, TEST_DATABASE_URL } from '../support/postgres';

const masa = (...args: string[]) => runMasa(args);

describe('masa command', () => {
  it.each(PRESET_NAMES)('config check passes for config/partnerships/%s.yaml', async (name) => {
    const r = await masa('config', 'check', `config/partnerships/${name}.yaml`);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^ok: .+ subgroups, \d+ people/);
  });

  it('config check lists every problem by path and exits 1', async () => {
    const r = await masa('config', 'check', 'test/fixtures/broken-partnership.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('routing.rules[0].subgroup: unknown subgroup "LID"');
    expect(r.stderr).toContain('subgroups[0].chairs[0]: unknown person "nobody" as chair');
  });

  it('config check of a missing file is a one-line error', async () => {
    const r = await masa('config', 'check', 'nowhere.yaml');
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'masa: no such partnership file: nowhere.yaml\n',
    });
  });

  it('lists working days across Christmas, one ISO date a line', async () => {
    const r = await masa('calendar', 'working-days', '2026-12-24', '2027-01-04');
    expect(r.stdout.trim().split('\n')).toEqual([
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-04',
    ]);
  });

  it('adds working days with another partnership file', async () => {
    const r = await masa(
      'calendar',
      'add-working-days',
      '2026-12-21',
      '15',
      '--partnership',
      'config/partnerships/norfolk.yaml',
    );
    expect(r).toMatchObject({ code: 0, stdout: '2027-01-14\n' });
  });

  it.each([
    [
      ['calendar', 'working-days', '2027-01-04', '2026-12-24'],
      'masa: reversed range: 2026-12-24 is before 2027-01-04',
    ],
    [
      ['calendar', 'add-working-days', '2026-02-30', '3'],
      'masa: invalid date "2026-02-30": expected a real date as YYYY-MM-DD',
    ],
    [
      ['calendar', 'add-working-days', '2026-02-03', 'three'],
      'masa: invalid number of working days "three": expected a whole number',
    ],
    [['calendar', 'working-days', '2026-01-01', '2026-01-09', '--partnership', 'nope.yaml'], 'nope.yaml'],
  ])('rejects bad arguments %j with one line and exit 1', async (args, message) => {
    const r = await masa(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('refuses the database reports in a sentence until the database is set up, and changes nothing', async () => {
    const schema = await createTestSchema();
    const admin = await openDatabase({ kind: 'postgres', url: TEST_DATABASE_URL });
    const adminDb = admin.db;
    try {
      for (const args of [
        ['retention', 'due', '--partnership', 'wakefield'],
        ['report', 'actions', '--partnership', 'wakefield'],
      ]) {
        const r = await runMasa(args, { DATABASE_URL: schema.url });
        expect(r).toMatchObject({ code: 1, stdout: '' });
        expect(r.stderr).toMatch(
          /^masa: the postgres database is not set up \(\d+ migration\(s\) not applied\): run "npx masa db migrate" first\n$/,
        );
      }
      const tables = await sql<{ n: string }>`select count(*) as n from information_schema.tables
        where table_schema = ${schema.name}`.execute(adminDb);
      expect(tables.rows[0]!.n).toBe('0');
      const migrated = await runMasa(['db', 'migrate'], { DATABASE_URL: schema.url });
      expect(migrated).toMatchObject({ code: 0 });
      const due = await runMasa(['retention', 'due', '--partnership', 'wakefield'], {
        DATABASE_URL: schema.url,
      });
      expect(due).toMatchObject({ code: 0, stdout: 'case_reference,last_activity,erased_from\n' });
    } finally {
      await admin.close();
      await schema.drop();
    }
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import type { ActionStatus, RecommendationStage } from '../../core/db/tables/actions';
import { actionsSummaryCard } from '../../core/reports/actions/card';
import { ACTIONS_CSV_HEADER, SUMMARY_CSV_HEADER, summaryCsv } from '../../core/reports/actions/format';
import { actionsSummary } from '../../core/reports/actions/summary';
import { teamsMessage } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { FakeConnector } from '../support/fake-connector';
import { masa } from '../support/masa-cli';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

/** Wednesday 2 December 2026. */
const AS_OF = '2026-12-02';
const AT = new Date('2026-12-02T10:00:00Z');

describe('actions report: masa report actions and the summary card', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const db = () => t.rt.database.db;
  const ids: Record<string, string> = {};

  async function action(
    key: string,
    a: { subgroup: string; owner: string; due: string; status: ActionStatus; caseReference?: string },
  ) {
    ids[key] = randomUUID();
    await db()
      .insertInto('tracked_actions')
      .values({
        id: ids[key],
        partnership_id: 'wakefield',
        // Free text that must never reach the report.
        title: `Title of ${key} naming Jane Doe`,
        description: 'Notes about the child at 1 Example Street',
        subgroup_id: a.subgroup,
        owner_id: a.owner,
        due_date: a.due,
        status: a.status,
        source: 'manual',
        source_id: null,
        case_reference: a.caseReference ?? null,
        created_by: 'bu-manager',
        closed_at: null,
        next_step: null,
        next_step_at: null,
      })
      .execute();
  }
  async function step(key: string, stepKey: string, level: string, kind = 'step') {
    await db()
      .insertInto('action_events')
      .values({
        action_id: ids[key]!,
        at: AT,
        actor: 'system:escalation-sweep',
        kind,
        step_key: stepKey,
        detail: level,
      })
      .execute();
  }
  async function recommendation(subgroup: string | null, stage: RecommendationStage) {
    await db()
      .insertInto('recommendations')
      .values({
        id: randomUUID(),
        partnership_id: 'wakefield',
        source: 'manual',
        source_id: null,
        case_reference: null,
        category: 'assurance',
        text: 'Recommendation text naming Jane Doe',
        created_by: 'bu-manager',
        stage,
        subgroup_id: subgroup,
        action_id: null,
        message_id: null,
        channel_conversation_id: null,
        channel_activity_id: null,
        impact_evidence: null,
      })
      .execute();
  }

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: presetWithObjectIds('wakefield') });
    t.rt.now = () => AT;
    bot = await startBot(t.rt);
    // SEG: one open 8 working days overdue (owner chased, then its chair), one in progress 2 days overdue
    // (owner chased), one done.
    await action('seg1', {
      subgroup: 'SEG',
      owner: 'designated-nurse',
      due: '2026-11-20',
      status: 'open',
      caseReference: 'RR-2026-101',
    });
    await step('seg1', '1:ladder-0', 'owner');
    await step('seg1', '1:ladder-1', 'subgroup-chair');
    await action('seg2', {
      subgroup: 'SEG',
      owner: 'named-nurse-primary-care',
      due: '2026-11-30',
      status: 'in-progress',
    });
    await step('seg2', '1:ladder-0', 'owner');
    await action('seg3', { subgroup: 'SEG', owner: 'designated-nurse', due: '2026-11-10', status: 'done' });
    // ILD: one open, not yet due (a reminder is not an escalation), one closed not done.
    await action('ild1', { subgroup: 'ILD', owner: 'ld-officer', due: '2026-12-10', status: 'open' });
    await step('ild1', '1:remind-3', 'owner');
    await action('ild2', {
      subgroup: 'ILD',
      owner: 'ld-officer',
      due: '2026-10-01',
      status: 'closed-not-done',
    });
    // CSPRG: 22 working days overdue, all the way up the ladder (the Executive by "escalate now").
    await action('csprg1', {
      subgroup: 'CSPRG',
      owner: 'hos-early-intervention',
      due: '2026-11-02',
      status: 'open',
    });
    await step('csprg1', '1:ladder-0', 'owner');
    await step('csprg1', '1:ladder-1', 'subgroup-chair');
    await step('csprg1', '1:ladder-2', 'business-unit-manager');
    await step('csprg1', '1:ladder-3', 'executive', 'escalated');
    await recommendation('SEG', 'routed');
    await recommendation('SEG', 'routed');
    await recommendation('SEG', 'accepted');
    await recommendation('CSPRG', 'impact-reviewed');
    await recommendation(null, 'submitted');
  });
  afterAll(async () => {
    await bot.close();
    await t.close();
    await connector.stop();
  });

  const expectedRows = (csv: string) => csv.trim().split('\n');
  const EXPECTED_FIXED_ROWS = [
    'actions,SEG,,,open,2',
    'actions,SEG,,,in_progress,1',
    'actions,SEG,,,overdue,2',
    'actions,SEG,,,working_days_overdue_total,10',
    'actions,SEG,,,working_days_overdue_max,8',
    'actions,SEG,,,done,1',
    'actions,SEG,,,closed_not_done,0',
    'actions,ILD,,,open,1',
    'actions,ILD,,,overdue,0',
    'actions,ILD,,,closed_not_done,1',
    'actions,CSPRG,,,overdue,1',
    'actions,CSPRG,,,working_days_overdue_max,22',
    'actions,CDOP,,,open,0',
    'escalations,,owner,,steps,3',
    'escalations,,owner,,open_actions_at_level,1',
    'escalations,,subgroup-chair,,steps,2',
    'escalations,,subgroup-chair,,open_actions_at_level,1',
    'escalations,,business-unit-manager,,steps,1',
    'escalations,,business-unit-manager,,open_actions_at_level,0',
    'escalations,,executive,,steps,1',
    'escalations,,executive,,open_actions_at_level,1',
  ];
  const EXPECTED_RECOMMENDATION_ROWS = [
    'recommendations,(unrouted),,submitted,count,1',
    'recommendations,CSPRG,,impact-reviewed,count,1',
    'recommendations,SEG,,routed,count,2',
    'recommendations,SEG,,accepted,count,1',
  ];

  it('counts a known data set: by subgroup, days overdue, escalations by level, recommendations by stage', async () => {
    const s = await actionsSummary(db(), t.rt.partnership, t.rt.calendar, AS_OF);
    expect(s.subgroups.find((g) => g.subgroupId === 'SEG')).toEqual({
      subgroupId: 'SEG',
      name: t.rt.partnership.subgroups.find((g) => g.id === 'SEG')!.name,
      open: 2,
      inProgress: 1,
      overdue: 2,
      daysOverdueTotal: 10,
      daysOverdueMax: 8,
      done: 1,
      closedNotDone: 0,
    });
    const csv = summaryCsv(s);
    const rows = expectedRows(csv);
    expect(rows[0]).toBe(SUMMARY_CSV_HEADER);
    expect(rows).toEqual(expect.arrayContaining(EXPECTED_FIXED_ROWS));
    expect(rows.filter((r) => r.startsWith('recommendations,'))).toEqual(EXPECTED_RECOMMENDATION_ROWS);
    // Seven measures for every subgroup in the file, four levels with two measures each.
    expect(rows.filter((r) => r.startsWith('actions,'))).toHaveLength(7 * t.rt.partnership.subgroups.length);
    expect(rows.filter((r) => r.startsWith('escalations,'))).toHaveLength(8);
    expect(csv).not.toMatch(/Jane Doe|Example Street|Title of/);
  });

  it('masa report actions writes the CSV to stdout from DATABASE_URL', async () => {
    const r = await masa(
      ['report', 'actions', '--partnership', 'wakefield', '--format', 'csv', '--as-of', AS_OF],
      { DATABASE_URL: t.schema.url },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rows = expectedRows(r.stdout);
    expect(rows[0]).toBe(SUMMARY_CSV_HEADER);
    expect(rows).toEqual(expect.arrayContaining([...EXPECTED_FIXED_ROWS, ...EXPECTED_RECOMMENDATION_ROWS]));
    expect(r.stdout).not.toMatch(/Jane Doe|Example Street|Title of/);
  }, 60_000);

  it('masa report actions --table actions lists one row per action, case references at most', async () => {
    const r = await masa(
      ['report', 'actions', '--partnership', 'wakefield', '--table', 'actions', '--as-of', AS_OF],
      { DATABASE_URL: t.schema.url },
    );
    expect(r.code).toBe(0);
    const rows = expectedRows(r.stdout);
    expect(rows[0]).toBe(ACTIONS_CSV_HEADER);
    expect(rows).toHaveLength(1 + 6);
    expect(rows).toContain(
      `${ids.seg1},RR-2026-101,SEG,designated-nurse,2026-11-20,open,8,subgroup-chair,manual`,
    );
    expect(rows).toContain(`${ids.csprg1},,CSPRG,hos-early-intervention,2026-11-02,open,22,executive,manual`);
    expect(rows).toContain(`${ids.ild1},,ILD,ld-officer,2026-12-10,open,0,,manual`);
    expect(r.stdout).not.toMatch(/Jane Doe|Example Street|Title of/);
  }, 60_000);

  it('masa report actions --format json carries the same counts', async () => {
    const r = await masa(
      ['report', 'actions', '--partnership', 'wakefield', '--format', 'json', '--as-of', AS_OF],
      { DATABASE_URL: t.schema.url },
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Awaited<ReturnType<typeof actionsSummary>>;
    expect(json.asOf).toBe(AS_OF);
    expect(json.escalations).toEqual([
      { level: 'owner', steps: 3, openActionsAtLevel: 1 },
      { level: 'subgroup-chair', steps: 2, openActionsAtLevel: 1 },
      { level: 'business-unit-manager', steps: 1, openActionsAtLevel: 0 },
      { level: 'executive', steps: 1, openActionsAtLevel: 1 },
    ]);
    expect(json.subgroups.find((g) => g.subgroupId === 'CSPRG')).toMatchObject({
      open: 1,
      overdue: 1,
      daysOverdueMax: 22,
    });
    expect(r.stdout).not.toMatch(/Jane Doe|Example Street|Title of/);
  }, 60_000);

  it('refuses a bad format or date with one line naming the option, and exit 1', async () => {
    const bad = await masa(['report', 'actions', '--partnership', 'wakefield', '--format', 'pdf'], {
      DATABASE_URL: t.schema.url,
    });
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toBe('masa: --format: "pdf" is not a format (use csv or json)\n');
    const date = await masa(['report', 'actions', '--partnership', 'wakefield', '--as-of', '2026-02-30'], {
      DATABASE_URL: t.schema.url,
    });
    expect(date.stderr).toBe('masa: --as-of: "2026-02-30" is not a date as YYYY-MM-DD\n');
  }, 60_000);

  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });
  const lastReplyTo = (personId: string, after: number) =>
    waitUntil(
      async () => connector.calls.filter((c) => c.conversationId === `a:29:${personId}`).slice(after),
      (calls) => calls.length > 0,
    );

  it('shows the summary card to the Executive, and refuses a practitioner', async () => {
    const before = connector.calls.length;
    await request(bot.server)
      .post('/api/messages')
      .send(teamsMessage(connector.url, user('dsp-council'), 'actions summary'))
      .expect(200);
    const [answer] = await lastReplyTo('dsp-council', 0);
    const card = (answer!.body.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Actions summary, 2 Dec 2026');
    expect(text).toContain('1 escalation; 1 open action there now');
    expect(text).toContain('Routed 2 · Accepted 1');
    expect(text).not.toMatch(/Jane Doe|Example Street|Title of|RR-2026-101/);
    expect(card).toEqual(
      actionsSummaryCard(await actionsSummary(db(), t.rt.partnership, t.rt.calendar, AS_OF)),
    );

    await request(bot.server)
      .post('/api/messages')
      .send(teamsMessage(connector.url, user('hos-localities'), 'actions summary'))
      .expect(200);
    const [refusal] = await lastReplyTo('hos-localities', 0);
    expect(refusal!.body.attachments).toBeUndefined();
    expect(refusal!.body.text).toBe(
      'Only the Executive, the business unit, the partnership chair and the scrutineer can see the actions summary.',
    );
    expect(connector.calls.length).toBe(before + 2);
  });
});

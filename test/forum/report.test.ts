import JSZip from 'jszip';
import { answerForumForm } from '../../core/forum/answer';
import { forumReportCsv } from '../../core/forum/export-csv';
import { forumReportXlsx } from '../../core/forum/export-xlsx';
import { issueForm } from '../../core/forum/issue';
import { forumReportCardFor } from '../../core/forum/report-card';
import { buildForumReport } from '../../core/forum/report';
import { scheduleSession } from '../../core/forum/schedule';
import { sessionById } from '../../core/forum/sessions-store';
import { closeSession } from '../../core/forum/sweep';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { createQueues, type Queues } from '../../workers/queues';
import { adaptiveCardProblems } from '../support/cards';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { at, KNOWN_ANSWERS, wakefieldForum } from './helpers';

/** Runs the known data set through the real answer handler on PostgreSQL, then closes the form. */
async function answeredAndClosed(s: Services, date: string) {
  const advisor = s.directory.person('education-advisor')!;
  const scheduled = await scheduleSession(s, advisor, { date, halfTerm: 'Autumn 2' });
  const open = at(s, '2026-11-05T10:00:00Z');
  const { session } = await issueForm(open, advisor, scheduled.reference);
  for (const [personId, data] of KNOWN_ANSWERS) {
    const result = await answerForumForm(open, {
      verb: 'forum.answer',
      data: { sessionId: session.id, ...data },
      person: s.directory.person(personId)!,
      channel: 'teams',
    });
    expect(result.kind).toBe('card');
  }
  expect(await closeSession(at(s, '2026-11-19T17:00:00Z'), session)).toBe(true);
  return (await sessionById(s.db, s.partnership.id, session.id))!;
}

describe.each([
  ['anonymous', true],
  ['named', false],
])('the forum report on a known data set (%s form)', (_label, anonymous) => {
  let t: TestRuntime;
  let queues: Queues;
  let s: Services;

  beforeAll(async () => {
    t = await openTestRuntime({ PARTNERSHIP: wakefieldForum({ anonymous }) });
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  it(`while the form is open, ${anonymous ? 'shows only who answered' : 'shows the answers too'}`, async () => {
    const advisor = s.directory.person('education-advisor')!;
    const scheduled = await scheduleSession(s, advisor, { date: '2026-12-09', halfTerm: 'Autumn 2' });
    const open = at(s, '2026-12-01T10:00:00Z');
    const { session } = await issueForm(open, advisor, scheduled.reference);
    for (const [personId, data] of KNOWN_ANSWERS.slice(0, 2)) {
      const result = await answerForumForm(open, {
        verb: 'forum.answer',
        data: { sessionId: session.id, ...data },
        person: s.directory.person(personId)!,
        channel: 'teams',
      });
      expect(result.kind).toBe('card');
    }
    const current = (await sessionById(s.db, s.partnership.id, session.id))!;
    expect(current.status).toBe('open');
    const r = await buildForumReport(open, current);
    expect(r.answers).toBe(2);
    expect(r.withheldUntilClose).toBe(anonymous);
    const card = await forumReportCardFor(open, current, advisor);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toMatch(/\b\d of 4 \(/);
    if (anonymous) {
      expect(r).toMatchObject({ themes: [], topics: [], rows: [], consent: 0 });
      expect(r.usefulness.average).toBeNull();
      expect(text).toContain('what they say is shown when the form closes');
      expect(text).not.toMatch(/\/exports\//);
      for (const [, data] of KNOWN_ANSWERS.slice(0, 2))
        if (typeof data.issues === 'string' && data.issues)
          expect(text).not.toContain(data.issues.slice(0, 20));
    } else {
      expect(r.rows).toHaveLength(2);
      expect(text).toMatch(/\/exports\//);
    }
  });

  it('counts response rates, ratings, themes and topics', async () => {
    const session = await answeredAndClosed(s, '2026-11-04');
    const r = await buildForumReport(s, session);
    expect(r.anonymous).toBe(anonymous);
    expect(r.schools).toEqual({ total: 4, answered: 3, rate: 75 });
    expect(r.people).toEqual({ total: 5, answered: 4 });
    expect(r.byPhase).toEqual([
      { phase: 'primary', label: 'Primary', schools: 2, answered: 2, rate: 100 },
      { phase: 'secondary', label: 'Secondary', schools: 1, answered: 1, rate: 100 },
      { phase: 'special', label: 'Special', schools: 1, answered: 0, rate: 0 },
    ]);
    expect(r.answers).toBe(4);
    expect(r.usefulness).toEqual({ average: 3.5, counts: [0, 1, 1, 1, 1] });
    expect(r.themes.map((x) => [x.id, x.count])).toEqual([
      ['online-safety', 1],
      ['mental-health', 1],
      ['attendance', 0],
      ['referrals', 1],
      ['other', 1],
    ]);
    expect(r.themes.find((x) => x.id === 'mental-health')!.quotes).toEqual([
      'Anxiety and self-harm among Year 9 at [school].',
    ]);
    expect(r.themes.find((x) => x.id === 'referrals')!.quotes).toEqual([
      'Online bullying on social media is rising; a referral to the front door was slow. Call me on [phone] or [email].',
    ]);
    expect(r.topics).toEqual(['Attendance', 'CAMHS waiting lists', 'Sextortion']);
    expect(r.consent).toBe(2);
    expect(r.contacts.map((c) => c.person)).toEqual(
      anonymous ? [] : ['Deputy DSL, Example Academy', 'DSL, Example Primary School 1'],
    );
    const card = await forumReportCardFor(s, session, s.directory.person('education-advisor')!, {
      links: false,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('3 of 4 (75%)');

    const csv = forumReportCsv(r);
    expect(csv).toContain('summary,schools answered,3 of 4,75%\r\n');
    expect(csv).toContain('response by phase,Special,0 of 1,0%\r\n');
    expect(csv).toContain('usefulness,average,3.5,\r\n');
    expect(csv).toContain('theme,Mental health,1,\r\n');
    const xlsx = await JSZip.loadAsync(await forumReportXlsx(r));
    expect(Object.keys(xlsx.files)).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml']));
  });

  if (anonymous)
    it('keeps every export and the stored answers free of names and schools', async () => {
      const session = await answeredAndClosed(s, '2026-11-11');
      const answers = await s.db
        .selectFrom('forum_answers')
        .selectAll()
        .where('session_id', '=', session.id)
        .execute();
      expect(answers).toHaveLength(4);
      for (const a of answers)
        expect(a).toMatchObject({
          person_id: null,
          school_id: null,
          phase: null,
          submitted_at: null,
          respondent_key: null,
        });
      const audit = await s.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', 'in', ['forum.answered', 'forum.answer-replaced'])
        .execute();
      expect(audit.every((x) => JSON.stringify(x.details) === '{"channel":"teams"}')).toBe(true);

      const r = await buildForumReport(s, session);
      const zip = await JSZip.loadAsync(await forumReportXlsx(r));
      const xml = (
        await Promise.all(
          Object.values(zip.files)
            .filter((f) => !f.dir)
            .map((f) => f.async('string')),
        )
      ).join('\n');
      const card = JSON.stringify(
        await forumReportCardFor(s, session, s.directory.person('education-advisor')!, { links: false }),
      );
      const forbidden = [
        ...s.partnership.schools.flatMap((x) => [x.name, x.id]),
        ...s.partnership.people.flatMap((p) => [p.displayName, p.id, p.email]),
        '01924',
      ];
      for (const [name, text] of [
        ['csv', forumReportCsv(r)],
        ['xlsx', xml],
        ['card', card],
      ] as const) {
        const found = forbidden.filter((f) => text.toLowerCase().includes(f.toLowerCase()));
        expect({ name, found }).toEqual({ name, found: [] });
      }
    });
});

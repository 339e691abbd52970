import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parsePartnership, parsePartnershipYaml } from '../../config/partnership/load';
import { describeProblem } from '../../config/partnership/issue-path';
import type { PartnershipInput } from '../../config/partnership/schema';

const wakefield = (): PartnershipInput =>
  parse(
    readFileSync(path.join(__dirname, '../../config/partnerships/wakefield.yaml'), 'utf8'),
  ) as PartnershipInput;

function problemsAfter(mutate: (p: PartnershipInput) => void): string[] {
  const p = wakefield();
  mutate(p);
  const result = parsePartnership(p);
  return result.ok ? [] : result.problems.map(describeProblem);
}

const cases: Array<[string, (p: PartnershipInput) => void, string]> = [
  [
    'a routing rule to an unknown subgroup',
    (p) => (p.routing.rules[2]!.subgroup = 'LID'),
    'routing.rules[2].subgroup: unknown subgroup "LID"',
  ],
  [
    'an unknown chair',
    (p) => (p.subgroups[0]!.chairs = ['nobody']),
    'subgroups[0].chairs[0]: unknown person "nobody" as chair',
  ],
  [
    'an unknown member',
    (p) => p.subgroups[1]!.members!.push('ghost'),
    'subgroups[1].members[5]: unknown person "ghost" as member',
  ],
  [
    'a duplicate person id',
    (p) => (p.people[1]!.id = p.people[0]!.id),
    'people[1].id: duplicate id "bu-manager"',
  ],
  ['a duplicate subgroup id', (p) => (p.subgroups[4]!.id = 'CSPRG'), 'subgroups[4].id: duplicate id "CSPRG"'],
  [
    'ladder steps out of order',
    (p) => (p.escalation.ladder[2]!.afterWorkingDays = 2),
    'escalation.ladder[2].afterWorkingDays: steps must be in increasing order (2 is not after 3)',
  ],
  [
    'a routing category with no owner',
    (p) => p.routing.categories.push({ id: 'data', label: 'Data' }),
    'routing.categories[4]: category "data" has no owning subgroup in routing.rules',
  ],
  [
    'a rule for an undeclared category',
    (p) => p.routing.rules.push({ category: 'finance', subgroup: 'SEG' }),
    'routing.rules[4].category: unknown category "finance"',
  ],
  [
    'Rapid Reviews run by an unknown subgroup',
    (p) => (p.rapidReview.runBy = 'RRG'),
    'rapidReview.runBy: unknown subgroup "RRG"',
  ],
  ['a bad email', (p) => (p.people[3]!.email = 'not-an-email'), 'people[3].email: Invalid email address'],
  ['an unknown role', (p) => (p.people[0]!.roles = ['boss' as never]), 'people[0].roles[0]: Invalid option'],
  [
    'a person in an unknown agency',
    (p) => (p.people[2]!.agency = 'nhs-x'),
    'people[2].agency: unknown agency "nhs-x"',
  ],
  [
    'an impossible closure day',
    (p) => (p.closureDays = ['2026-02-30']),
    'closureDays[0]: not a real calendar date',
  ],
  [
    'working hours that end before they start',
    (p) => (p.workingHours = { start: '17:00', end: '09:00' }),
    'workingHours.end: must be later than workingHours.start (17:00)',
  ],
  ['an unknown time zone', (p) => (p.timeZone = 'Europe/Wakefield'), 'timeZone: not a known IANA time zone'],
  [
    'an unknown bank-holiday region',
    (p) => (p.bankHolidays = { country: 'GB', region: 'XXX' }),
    'bankHolidays.region: unknown region "XXX" for GB',
  ],
  [
    'a school whose DSL lacks the dsl role',
    (p) => (p.schools![0]!.dsl = 'bu-manager'),
    'schools[0].dsl: person "bu-manager" does not have the role "dsl"',
  ],
  ['an unexpected key (a typo)', (p) => Object.assign(p, { subgroup: [] }), 'Unrecognized key: "subgroup"'],
  [
    'a missing escalation ladder',
    (p) => delete (p as Partial<PartnershipInput>).escalation,
    'escalation: Invalid input',
  ],
];

describe('broken partnership files', () => {
  it.each(cases)('reports %s by path', (_name, mutate, expected) => {
    const problems = problemsAfter(mutate);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('reports every problem at once', () => {
    const problems = problemsAfter((p) => {
      p.routing.rules[0]!.subgroup = 'NOPE';
      p.subgroups[0]!.chairs = ['nobody'];
      p.rapidReview.runBy = 'RRG';
    });
    expect(problems).toHaveLength(3);
  });

  it('reports YAML syntax errors with a line number', () => {
    const result = parsePartnershipYaml('id: x\nname: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/^YAML syntax/);
  });

  it('reports duplicate keys', () => {
    const result = parsePartnershipYaml('id: a\nid: b\n');
    expect(result.ok).toBe(false);
  });
});

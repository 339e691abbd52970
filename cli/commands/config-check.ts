import { existsSync, readFileSync } from 'node:fs';
import { parsePartnershipYaml, resolvePartnershipFile } from '../../config/partnership/load';
import { describeProblem } from '../../config/partnership/issue-path';

export function configCheck(nameOrPath: string, out: (line: string) => void): void {
  const file = resolvePartnershipFile(nameOrPath);
  if (!existsSync(file)) throw new Error(`no such partnership file: ${nameOrPath}`);
  const result = parsePartnershipYaml(readFileSync(file, 'utf8'));
  if (!result.ok) {
    const lines = result.problems.map(describeProblem);
    throw new Error(`${nameOrPath}: ${lines.length} problem(s)\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
  const p = result.partnership;
  out(
    `ok: ${p.name} (${p.shortName}): ${p.subgroups.length} subgroups, ${p.people.length} people, ${p.schools.length} schools; Rapid Reviews run by ${p.rapidReview.runBy}`,
  );
}

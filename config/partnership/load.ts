import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { partnershipSchema, type Partnership } from './schema';
import { crossCheck } from './cross-checks';
import { formatPath, describeProblem, type ConfigProblem } from './issue-path';

export class PartnershipFileError extends Error {
  readonly code = 'PARTNERSHIP_INVALID';
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `${file} is not a valid partnership file:\n${problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`,
    );
  }
}

export type ParseResult = { ok: true; partnership: Partnership } | { ok: false; problems: ConfigProblem[] };

/** Validates already-parsed YAML/JSON content: schema first, then cross-references. */
export function parsePartnership(raw: unknown): ParseResult {
  const parsed = partnershipSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  const problems = crossCheck(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, partnership: parsed.data };
}

export function parsePartnershipYaml(text: string): ParseResult {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}` : '(file)',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  return parsePartnership(doc.toJS());
}

export const PRESETS_DIR = path.resolve(__dirname, '..', 'partnerships');
export const PRESET_NAMES = [
  'wakefield',
  'north-yorkshire',
  'south-tees',
  'norfolk',
  'northumberland',
] as const;

/** A preset name (`wakefield`) or a path to a YAML file. */
export function resolvePartnershipFile(nameOrPath: string): string {
  if ((PRESET_NAMES as readonly string[]).includes(nameOrPath))
    return path.join(PRESETS_DIR, `${nameOrPath}.yaml`);
  return path.resolve(nameOrPath);
}

export function loadPartnershipFile(nameOrPath: string): Partnership {
  const file = resolvePartnershipFile(nameOrPath);
  if (!existsSync(file))
    throw new PartnershipFileError(file, [{ path: '(file)', message: 'file not found' }]);
  const result = parsePartnershipYaml(readFileSync(file, 'utf8'));
  if (!result.ok) throw new PartnershipFileError(file, result.problems);
  return result.partnership;
}

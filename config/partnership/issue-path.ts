/** Formats a zod-style path as `routing.rules[2].subgroup`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(file)' : out;
}

export interface ConfigProblem {
  path: string;
  message: string;
}

export function describeProblem(p: ConfigProblem): string {
  return `${p.path}: ${p.message}`;
}

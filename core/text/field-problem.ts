import type { z } from 'zod';

/**
 * The first problem of a zod parse as a plain sentence naming the field: `names` maps a field's key to
 * the label people see, and `whole` names the input itself when the problem is with all of it.
 */
export function fieldProblem(error: z.ZodError, names: Record<string, string>, whole: string): string {
  const issue = error.issues[0]!;
  const key = issue.path.length > 0 ? String(issue.path[0]) : '';
  const name = key === '' ? whole : (names[key] ?? key);
  return `${name}: ${issue.message.replace(/\.$/, '')}.`;
}

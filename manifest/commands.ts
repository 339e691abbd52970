import { COMMANDS, type CommandSpec } from '../core/commands/catalog';

/** Teams shows at most 10 commands per command list (the JSON schema allows more; Teams does not). */
export const MAX_COMMANDS_PER_LIST = 10;
/** Teams limits for a command's title and description in a command list. */
export const MAX_TITLE_LENGTH = 32;
export const MAX_DESCRIPTION_LENGTH = 128;

export const BOT_SCOPES = ['personal', 'groupChat', 'team'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

/**
 * Commands that go in every list first when the catalog has them (or, failing that, the first command
 * starting with the title); the rest follow in catalog order.
 */
export const PRIORITY_TITLES = [
  'help',
  'my requests',
  'my actions',
  'rapid review new',
  'rapid review status',
  'forum',
  'book meeting',
] as const;

export interface ManifestCommand {
  title: string;
  description: string;
}

export interface CommandList {
  scopes: BotScope[];
  commands: ManifestCommand[];
}

/** The words a person types, without argument placeholders: `rapid review status <ref>` -> `rapid review status`. */
export function commandTitle(usage: string): string {
  return usage
    .replace(/<[^>]*>|\[[^\]]*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function describe(spec: CommandSpec, title: string): string {
  const args = spec.usage.trim() === title ? '' : ` (type: ${spec.usage.trim()})`;
  const text = `${spec.description}${args}`;
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`;
}

/**
 * The manifest's command lists, one per scope, built from the command catalog:
 * the priority commands first, then the others in catalog order, at most ten.
 * Commands work in every scope (@mention in group chats and channels), except
 * those answered only in a 1:1 chat, which the group and team lists leave out.
 */
export function commandLists(catalog: readonly CommandSpec[] = COMMANDS): CommandList[] {
  const seen = new Set<string>();
  const entries: Array<{ title: string; spec: CommandSpec }> = [];
  for (const spec of catalog) {
    const title = commandTitle(spec.usage);
    if (!title || seen.has(title)) continue;
    if (title.length > MAX_TITLE_LENGTH)
      throw new Error(
        `command "${title}" is longer than the ${MAX_TITLE_LENGTH} characters Teams allows in a command list`,
      );
    seen.add(title);
    entries.push({ title, spec });
  }
  // Each priority title is represented by the command of that name or, failing that, the first one
  // that starts with it (e.g. `forum sessions` for `forum`).
  const priority = new Map<string, number>();
  PRIORITY_TITLES.forEach((wanted, i) => {
    const match =
      entries.find((e) => e.title === wanted) ?? entries.find((e) => e.title.startsWith(`${wanted} `));
    if (match && !priority.has(match.title)) priority.set(match.title, i);
  });
  const rank = (title: string) => priority.get(title) ?? PRIORITY_TITLES.length;
  const ranked = entries
    .map((e, order) => ({ ...e, order }))
    .sort((a, b) => rank(a.title) - rank(b.title) || a.order - b.order);
  return BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: ranked
      .filter(({ spec }) => scope === 'personal' || spec.personalOnly !== true)
      .slice(0, MAX_COMMANDS_PER_LIST)
      .map(({ title, spec }) => ({ title, description: describe(spec, title) })),
  }));
}

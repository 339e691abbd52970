import type { Role } from '../../config/partnership/schema';

export interface CommandSpec {
  /** What the person types, e.g. `rapid review status <ref>`. */
  usage: string;
  description: string;
  /** Who may use it; undefined means everyone in the directory. */
  roles?: readonly Role[];
}

/**
 * Every text command the bot understands, in help order. The Teams manifest's
 * command lists and the help card are built from this list.
 */
export const COMMANDS: readonly CommandSpec[] = [{ usage: 'help', description: 'What I can do for you' }];

export function commandsFor(roles: readonly Role[]): CommandSpec[] {
  return COMMANDS.filter((c) => !c.roles || c.roles.some((r) => roles.includes(r)));
}

import type { Role } from '../../config/partnership/schema';

export interface CommandSpec {
  /** What the person types, e.g. `rapid review status <ref>`. */
  usage: string;
  description: string;
  /** Who may use it; undefined means everyone in the directory. */
  roles?: readonly Role[];
  /**
   * Its answer carries case content (action titles and notes, forum quotes) or signed download links,
   * which anyone in a group chat or channel could read or use: it is answered only in a 1:1 chat.
   */
  personalOnly?: true;
}

/**
 * Every text command the bot understands, in help order. The Teams manifest's
 * command lists and the help card are built from this list.
 */
export const COMMANDS: readonly CommandSpec[] = [
  { usage: 'help', description: 'What I can do for you' },
  {
    usage: 'book meeting <case reference or subgroup>',
    description:
      'Find a time everyone can make and send a Teams meeting invitation (or just "book meeting" to choose)',
    roles: [
      'business-unit',
      'business-unit-manager',
      'agency-lead',
      'partnership-chair',
      'scrutineer',
      'practitioner',
    ],
  },
  {
    usage: 'rapid review new',
    description: 'Open a Rapid Review and send the information requests',
    roles: ['business-unit', 'business-unit-manager', 'agency-lead'],
  },
  {
    usage: 'rapid review status <ref>',
    description: 'The Rapid Review tracker: who has answered, and the deadlines',
    roles: ['business-unit', 'business-unit-manager', 'scrutineer', 'agency-lead'],
    personalOnly: true,
  },
  {
    usage: 'rapid review pack <ref>',
    description: "Download the submission pack: timeline, agencies' answers, decision and recommendations",
    roles: ['business-unit', 'business-unit-manager', 'scrutineer', 'agency-lead'],
    personalOnly: true,
  },
  { usage: 'my requests', description: 'The Rapid Review information requests sent to you' },
  { usage: 'my actions', description: 'The open actions you own, with their due dates', personalOnly: true },
  {
    usage: 'actions <subgroup>',
    description: "A subgroup's open actions, overdue ones first to see",
    personalOnly: true,
  },
  {
    usage: 'actions summary',
    description: 'Open and overdue actions by subgroup, escalations by level, recommendations by stage',
    roles: ['executive', 'business-unit', 'business-unit-manager', 'partnership-chair', 'scrutineer'],
  },
  {
    usage: 'new action',
    description: 'Create an action for a subgroup (business unit and subgroup chairs)',
  },
  {
    usage: 'recommend <category> [case reference] <text>',
    description: 'Record a review recommendation; it is routed to the subgroup that owns its category',
    roles: ['business-unit', 'business-unit-manager'],
  },
  {
    usage: 'forum sessions',
    description: 'DSL forum sessions: schedule, plan the year, issue the form, reports',
    roles: ['education-advisor', 'business-unit', 'business-unit-manager'],
  },
  {
    usage: 'forum schedule <date> <half term> [recording link]',
    description: 'Schedule a DSL forum session',
    roles: ['education-advisor', 'business-unit', 'business-unit-manager'],
  },
  {
    usage: 'forum plan',
    description: "Schedule the school year's DSL forum sessions from the term dates",
    roles: ['education-advisor', 'business-unit', 'business-unit-manager'],
  },
  {
    usage: 'forum issue <reference>',
    description: 'Send the opinion form for a forum session to every DSL',
    roles: ['education-advisor', 'business-unit', 'business-unit-manager'],
  },
  {
    usage: 'forum report <reference>',
    description: 'The report on a forum opinion form, with CSV and Excel downloads',
    roles: ['education-advisor', 'business-unit', 'business-unit-manager', 'executive'],
    personalOnly: true,
  },
];

/** The words that name a command: `rapid review status <ref>` → `rapid review status`. */
export function commandName(spec: CommandSpec): string {
  return spec.usage.split(' <')[0]!;
}

/** Whether the command named (as parseCommand names it) is answered only in a 1:1 chat. */
export function isPersonalOnly(name: string): boolean {
  return COMMANDS.some((c) => c.personalOnly === true && commandName(c) === name);
}

export function commandsFor(roles: readonly Role[]): CommandSpec[] {
  return COMMANDS.filter((c) => !c.roles || c.roles.some((r) => roles.includes(r)));
}

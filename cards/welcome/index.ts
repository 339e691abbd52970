import type { Role } from '../../config/partnership/schema';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { ROLE_TEXT } from './roles';
import template from './welcome.template.json';

export interface SubgroupSeat {
  id: string;
  name: string;
}

export interface WelcomeCardData {
  /** The partnership's short name, e.g. WSCP. */
  partnership: string;
  displayName: string;
  roles: readonly Role[];
  /** Subgroups the person chairs or sits on: the short id (e.g. CSPRG) and full name. */
  chairs: readonly SubgroupSeat[];
  memberOf: readonly SubgroupSeat[];
  /** The commands this person may use (core/commands/catalog.ts `commandsFor(roles)`). */
  commands: ReadonlyArray<{ command: string; description: string }>;
}

/** What each of the person's roles and subgroup seats lets them do, one fact each. */
export function welcomeFacts(data: WelcomeCardData): Array<{ label: string; does: string }> {
  const facts = data.roles.map((r) => ROLE_TEXT[r]);
  for (const g of data.chairs)
    facts.push({
      label: `Chair of ${g.id}`,
      does: `${g.name}: receive escalation cards for its actions, re-route recommendations and book its meetings.`,
    });
  for (const g of data.memberOf)
    facts.push({
      label: `Member of ${g.id}`,
      does: `${g.name}: own and update the actions and recommendations given to it.`,
    });
  if (facts.length === 0)
    facts.push({ label: 'Partnership member', does: 'Answer the requests and forms sent to you.' });
  return facts;
}

/** The card a person gets when they install the app: their roles, what those let them do, and their commands. */
export function buildWelcomeCard(data: WelcomeCardData): AdaptiveCardJson {
  return expandCard(template, {
    partnership: data.partnership,
    displayName: data.displayName,
    roles: welcomeFacts(data),
    commands: data.commands.map((c) => ({ command: c.command, description: c.description })),
  });
}

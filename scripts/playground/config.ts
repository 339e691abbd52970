import { Document, isNode } from 'yaml';
import type { Partnership, Person, Role } from '../../config/partnership/schema';
import { playgroundObjectId, playgroundUuid, uuidV5, PLAYGROUND_NAMESPACE } from './identity';

/**
 * `.m365agentsplayground.yml` for the Microsoft 365 Agents Playground
 * (@microsoft/m365agentsplayground 0.2.x, config file version 0.1.1).
 *
 * The Playground validates the file against a JSON schema that fixes its
 * shape: `version`, `tenantId`, `bot {id, name}`, `currentUser`, exactly five
 * `users`, `personalChat {id}`, one `groupChat {id, name}` and one
 * `team {id, name, aadGroupId, channels}` with at most one channel besides
 * General (whose id is the team id). Users are
 * `{id, name, userPrincipleName, aadObjectId, givenName, surname, email}`,
 * all required, no other keys. So a partnership's whole directory cannot be
 * loaded at once: the file holds the current user plus five others, and the
 * one extra channel is one subgroup's.
 */

/** How many users besides the current user the Playground accepts (schema: minItems = maxItems = 5). */
export const PLAYGROUND_OTHER_USERS = 5;

export interface PlaygroundOptions {
  /** Person id of the Playground's current user; default: the first business unit manager. */
  currentUser?: string;
  /** Person ids for (up to) the five other users; the rest are chosen by role. */
  others?: string[];
  /** Subgroup id for the team's one channel besides General; default: the first subgroup. */
  channelSubgroup?: string;
}

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfigFile {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: Array<{ id: string; name: string }> };
}

/** Reads PLAYGROUND_USER, PLAYGROUND_USERS (comma-separated) and PLAYGROUND_CHANNEL. */
export function playgroundOptionsFromEnv(env: Record<string, string | undefined>): PlaygroundOptions {
  const trimmed = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
  const others = trimmed(env.PLAYGROUND_USERS)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    currentUser: trimmed(env.PLAYGROUND_USER),
    others,
    channelSubgroup: trimmed(env.PLAYGROUND_CHANNEL),
  };
}

/** The Playground's channel account id (Teams' `29:` user id) for a person. */
export function playgroundUserId(personId: string): string {
  return `29:${personId}`;
}

/** Conversation ids, deterministic so that saved conversation references survive restarts. */
export function playgroundConversationIds(
  partnershipId: string,
  currentPersonId: string,
  subgroupId: string,
) {
  return {
    personalChat: `a:playground-${partnershipId}-${currentPersonId}`,
    groupChat: `19:playground-${partnershipId}-group@thread.v2`,
    /** The team id, which is also its General channel's conversation id. */
    team: `19:playground-${partnershipId}-general@thread.tacv2`,
    channel: `19:playground-${partnershipId}-${subgroupId}@thread.tacv2`,
  };
}

function splitName(displayName: string): { givenName: string; surname: string } {
  const words = displayName.trim().split(/\s+/);
  const givenName = (words[0] ?? displayName).replace(/[,;:]+$/, '');
  return { givenName, surname: words.slice(1).join(' ') || givenName };
}

function toUser(partnershipId: string, person: Person): PlaygroundUser {
  return {
    id: playgroundUserId(person.id),
    name: person.displayName,
    userPrincipleName: person.email,
    aadObjectId: playgroundObjectId(partnershipId, person.id),
    ...splitName(person.displayName),
    email: person.email,
  };
}

/** Stand-ins when a partnership has fewer than six people: deliberately not in the directory. */
function stranger(partnershipId: string, n: number): PlaygroundUser {
  return {
    id: `29:playground-stranger-${n}`,
    name: `Not in directory ${n}`,
    userPrincipleName: `stranger-${n}@playground.invalid`,
    aadObjectId: uuidV5(`stranger:${partnershipId}:${n}`, PLAYGROUND_NAMESPACE),
    givenName: 'Not in directory',
    surname: String(n),
    email: `stranger-${n}@playground.invalid`,
  };
}

function findPerson(partnership: Partnership, id: string, what: string): Person {
  const person = partnership.people.find((p) => p.id === id);
  if (!person) {
    const ids = partnership.people.map((p) => p.id).join(', ');
    throw new Error(`${what} "${id}" is not a person in partnership ${partnership.id}; people: ${ids}`);
  }
  return person;
}

/**
 * The five others by default: one per role a tester most often needs (the
 * channel subgroup's chair, a partnership chair or executive member, a school
 * DSL, an agency lead, a practitioner), then the business unit, then file order.
 */
function defaultOthers(
  partnership: Partnership,
  exclude: Set<string>,
  channelSubgroupChairs: string[],
): Person[] {
  const picked: Person[] = [];
  const taken = new Set(exclude);
  const take = (person: Person | undefined) => {
    if (!person || taken.has(person.id) || picked.length >= PLAYGROUND_OTHER_USERS) return;
    picked.push(person);
    taken.add(person.id);
  };
  const byId = (id: string | undefined) => (id ? partnership.people.find((p) => p.id === id) : undefined);
  const withRole = (...roles: Role[]) =>
    roles.flatMap((r) => partnership.people.filter((p) => p.roles.includes(r))).find((p) => !taken.has(p.id));

  take(channelSubgroupChairs.map(byId).find((p) => p && !taken.has(p.id)));
  take(withRole('partnership-chair', 'executive'));
  take(partnership.schools.map((s) => byId(s.dsl)).find((p) => p && !taken.has(p.id)) ?? withRole('dsl'));
  take(withRole('agency-lead'));
  take(withRole('practitioner'));
  take(withRole('business-unit'));
  for (const person of partnership.people) take(person);
  return picked;
}

export function buildPlaygroundConfig(
  partnership: Partnership,
  options: PlaygroundOptions = {},
): PlaygroundConfigFile {
  const pid = partnership.id;
  const current = options.currentUser
    ? findPerson(partnership, options.currentUser, 'PLAYGROUND_USER')
    : (partnership.people.find((p) => p.roles.includes('business-unit-manager')) ?? partnership.people[0]);
  if (!current) throw new Error(`partnership ${pid} has no people`);

  const subgroup = options.channelSubgroup
    ? partnership.subgroups.find((g) => g.id === options.channelSubgroup)
    : partnership.subgroups[0];
  if (!subgroup) {
    const ids = partnership.subgroups.map((g) => g.id).join(', ');
    throw new Error(
      `PLAYGROUND_CHANNEL "${options.channelSubgroup}" is not a subgroup of ${pid}; subgroups: ${ids}`,
    );
  }

  const chosen = (options.others ?? []).map((id) => findPerson(partnership, id, 'PLAYGROUND_USERS entry'));
  if (chosen.length > PLAYGROUND_OTHER_USERS) {
    throw new Error(
      `PLAYGROUND_USERS lists ${chosen.length} people; the Playground takes exactly five others`,
    );
  }
  const seen = new Set([current.id]);
  for (const person of chosen) {
    if (seen.has(person.id))
      throw new Error(`PLAYGROUND_USERS repeats "${person.id}" (or names the current user)`);
    seen.add(person.id);
  }
  const others = [...chosen, ...defaultOthers(partnership, seen, subgroup.chairs)].slice(
    0,
    PLAYGROUND_OTHER_USERS,
  );
  const users = others.map((p) => toUser(pid, p));
  for (let n = 1; users.length < PLAYGROUND_OTHER_USERS; n++) users.push(stranger(pid, n));

  const ids = playgroundConversationIds(pid, current.id, subgroup.id);
  return {
    version: '0.1.1',
    tenantId: partnership.microsoft.tenantId ?? playgroundUuid(pid, 'tenant'),
    bot: { id: playgroundUuid(pid, 'bot'), name: `${partnership.shortName} assistant`.slice(0, 42) },
    currentUser: toUser(pid, current),
    users,
    personalChat: { id: ids.personalChat },
    groupChat: { id: ids.groupChat, name: `${partnership.shortName} playground group chat` },
    team: {
      id: ids.team,
      name: partnership.name.slice(0, 256),
      aadGroupId: playgroundUuid(pid, 'team'),
      channels: [{ id: ids.channel, name: subgroup.name.slice(0, 256) }],
    },
  };
}

function describe(partnership: Partnership, userId: string): string {
  const person = partnership.people.find((p) => playgroundUserId(p.id) === userId);
  if (!person) return ' not in the directory (placeholder)';
  return ` ${person.id}${person.roles.length > 0 ? ` (${person.roles.join(', ')})` : ''}`;
}

/**
 * The file `npm run dev` writes before starting the Playground. Options default
 * to the PLAYGROUND_USER / PLAYGROUND_USERS / PLAYGROUND_CHANNEL environment.
 */
export function playgroundConfigYaml(
  partnership: Partnership,
  options: PlaygroundOptions = playgroundOptionsFromEnv(process.env),
): string {
  const config = buildPlaygroundConfig(partnership, options);
  const doc = new Document(config);
  doc.commentBefore = [
    ' yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    ` Microsoft 365 Agents Playground users, chats and team for ${partnership.name}.`,
    ' Generated by `npm run dev` (scripts/playground/config.ts) on every start: edits here are overwritten.',
    '',
    ' To be someone else, restart with their person id from config/partnerships/<partnership>.yaml:',
    '   PLAYGROUND_USER=<person id> npm run dev',
    ' PLAYGROUND_USERS=<id>,<id>,... picks (up to) the five other users, PLAYGROUND_CHANNEL=<subgroup id>',
    ' the team channel. The Playground accepts exactly five other users and one channel besides General.',
    ' aadObjectId = playgroundObjectId(partnership id, person id) in scripts/playground/identity.ts.',
  ].join('\n');
  const currentNode = doc.get('currentUser', true);
  if (isNode(currentNode))
    currentNode.commentBefore = ` Current user:${describe(partnership, config.currentUser.id)}`;
  const usersNode = doc.get('users', true);
  if (isNode(usersNode)) usersNode.commentBefore = ' The five others (group chat and team members):';
  config.users.forEach((user, i) => {
    const node = doc.getIn(['users', i], true);
    if (isNode(node)) node.commentBefore = describe(partnership, user.id);
  });
  return doc.toString({ lineWidth: 0 });
}

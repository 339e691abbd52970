import { parse } from 'yaml';
import { z } from 'zod';
import { loadPartnershipFile, PRESET_NAMES } from '../../config/partnership/load';
import {
  buildPlaygroundConfig,
  playgroundConfigYaml,
  playgroundOptionsFromEnv,
} from '../../scripts/playground/config';
import { playgroundObjectId, uuidV5 } from '../../scripts/playground/identity';

/** The Playground's config file schema (0.1.1), restated: strict objects, five users, one extra channel. */
const user = z.strictObject({
  id: z.string(),
  name: z.string().max(256),
  userPrincipleName: z.string(),
  aadObjectId: z.uuid(),
  givenName: z.string().max(256),
  surname: z.string().max(256),
  email: z.string(),
});
const configFile = z.strictObject({
  version: z.enum(['0.1.0', '0.1.1']),
  tenantId: z.string(),
  bot: z.strictObject({ id: z.string(), name: z.string().max(42) }),
  currentUser: user,
  users: z.array(user).length(5),
  personalChat: z.strictObject({ id: z.string() }),
  groupChat: z.strictObject({ id: z.string(), name: z.string().max(256) }),
  team: z.strictObject({
    id: z.string(),
    name: z.string().max(256),
    aadGroupId: z.string(),
    channels: z.array(z.strictObject({ id: z.string(), name: z.string().max(256) })).max(1),
  }),
});

describe('playgroundObjectId', () => {
  test('is RFC 4122 uuid v5', () => {
    // The RFC's DNS namespace example, as computed by every uuid library.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  test('is deterministic and distinct per partnership and person', () => {
    const a = playgroundObjectId('wakefield', 'bu-manager');
    expect(a).toBe(playgroundObjectId('wakefield', 'bu-manager'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(playgroundObjectId('norfolk', 'bu-manager'));
    expect(a).not.toBe(playgroundObjectId('wakefield', 'bu-coordinator'));
  });
});

describe('playgroundConfigYaml', () => {
  test.each(PRESET_NAMES)('%s: valid for the Playground, manager first, ids from the directory', (name) => {
    const partnership = loadPartnershipFile(name);
    const file = configFile.parse(parse(playgroundConfigYaml(partnership, {})));
    const manager = partnership.people.find((p) => p.roles.includes('business-unit-manager'));
    expect(file.currentUser).toMatchObject({
      id: `29:${manager?.id}`,
      name: manager?.displayName,
      email: manager?.email,
      aadObjectId: playgroundObjectId(partnership.id, manager?.id ?? ''),
    });
    const everyone = [file.currentUser, ...file.users];
    expect(new Set(everyone.map((u) => u.id)).size).toBe(6);
    for (const u of everyone) {
      const person = partnership.people.find((p) => `29:${p.id}` === u.id);
      expect(person).toBeDefined();
      expect(u.aadObjectId).toBe(playgroundObjectId(partnership.id, person?.id ?? ''));
    }
    expect(file.team.name).toBe(partnership.name);
    expect(file.team.channels[0]?.name).toBe(partnership.subgroups[0]?.name);
  });

  test('the current user, the others and the channel can be chosen', () => {
    const partnership = loadPartnershipFile('wakefield');
    const options = playgroundOptionsFromEnv({
      PLAYGROUND_USER: 'scrutineer',
      PLAYGROUND_USERS: 'bu-manager, bu-coordinator',
      PLAYGROUND_CHANNEL: partnership.subgroups[1]?.id,
    });
    const file = buildPlaygroundConfig(partnership, options);
    expect(file.currentUser.id).toBe('29:scrutineer');
    expect(file.users.slice(0, 2).map((u) => u.id)).toEqual(['29:bu-manager', '29:bu-coordinator']);
    expect(file.users).toHaveLength(5);
    expect(file.team.channels[0]?.name).toBe(partnership.subgroups[1]?.name);
    expect(file.personalChat.id).not.toBe(buildPlaygroundConfig(partnership).personalChat.id);
  });

  test('unknown ids are reported with the valid ones', () => {
    const partnership = loadPartnershipFile('wakefield');
    expect(() => buildPlaygroundConfig(partnership, { currentUser: 'nobody' })).toThrow(
      /"nobody".*people: bu-manager/,
    );
    expect(() => buildPlaygroundConfig(partnership, { channelSubgroup: 'nope' })).toThrow(/subgroups:/);
  });
});

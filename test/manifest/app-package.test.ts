import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { COMMANDS, type CommandSpec } from '../../core/commands/catalog';
import { buildAppPackage, ManifestInvalidError } from '../../manifest/app-package';
import { buildManifest, type ManifestSettings } from '../../manifest/build-manifest';
import { commandLists, commandTitle, PRIORITY_TITLES } from '../../manifest/commands';
import { ICON_FILES, renderIcons } from '../../manifest/icons/write-icons';
import { PackageEnvError, packageSettingsFromEnv } from '../../manifest/package-env';
import { decodePng, pngHeader } from '../../manifest/png';
import { newestBundledSchemaVersion } from '../../manifest/schema';
import { validateManifest } from '../../manifest/validate';

const APP_ID = '3f2b6c1e-1234-4abc-9def-0123456789ab';
const settings: ManifestSettings = {
  appId: APP_ID,
  publicBaseUrl: 'https://masa.wakefield.example/',
  version: '1.4.2',
  partnership: { name: 'Wakefield Safeguarding Children Partnership', shortName: 'WSCP' },
};

/** A catalog like the finished product's: more commands than Teams shows, with arguments. */
const FULL_CATALOG: CommandSpec[] = [
  { usage: 'help', description: 'What I can do for you' },
  {
    usage: 'audit export <ref>',
    description: 'Export the audit log of a case',
    roles: ['business-unit-manager'],
  },
  { usage: 'my requests', description: 'Information requests waiting for you' },
  { usage: 'my actions', description: 'Actions you own and their due dates' },
  { usage: 'rapid review new <ref>', description: 'Open a Rapid Review', roles: ['business-unit'] },
  { usage: 'rapid review status <ref>', description: 'Who has answered a Rapid Review' },
  { usage: 'forum', description: 'The DSL forum opinion form' },
  { usage: 'forum report [term]', description: 'Forum themes for the Executive', roles: ['business-unit'] },
  { usage: 'book meeting <subgroup>', description: 'Find a slot and invite the members' },
  { usage: 'tracker', description: 'Open cases and their deadlines' },
  { usage: 'recommendations', description: 'Recommendations routed to your subgroup' },
  { usage: 'escalations', description: 'Overdue actions escalated to you' },
];

describe('Teams app manifest', () => {
  it('is on the newest schema @microsoft/app-manifest bundles and validates against it offline', async () => {
    const manifest = buildManifest(settings);
    expect(manifest.manifestVersion).toBe(newestBundledSchemaVersion());
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('fills in the app id, domain, version and partnership names', () => {
    const manifest = buildManifest(settings);
    expect(manifest).toMatchObject({
      id: APP_ID,
      version: '1.4.2',
      name: { short: 'WSCP assistant', full: 'Wakefield Safeguarding Children Partnership assistant' },
      developer: { name: 'WSCP', websiteUrl: 'https://masa.wakefield.example' },
      validDomains: ['masa.wakefield.example'],
      webApplicationInfo: { id: APP_ID },
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots![0]!.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('asks for no permissions the product does not use (no RSC, no device permissions)', () => {
    const manifest = buildManifest(settings);
    expect(manifest.authorization).toBeUndefined();
    expect(manifest.permissions).toBeUndefined();
    expect(manifest.devicePermissions).toBeUndefined();
    expect(manifest.bots![0]!.supportsFiles).toBe(false);
    expect(manifest.bots![0]!.supportsCalling).toBe(false);
  });

  it('has the bot in personal, group chat and team scopes with one command list each, from the catalog', () => {
    const bot = buildManifest(settings).bots![0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.commandLists!.map((l) => l.scopes)).toEqual([['personal'], ['groupChat'], ['team']]);
    const titles = COMMANDS.map((c) => commandTitle(c.usage));
    const personalOnly = COMMANDS.filter((c) => c.personalOnly).map((c) => commandTitle(c.usage));
    expect(personalOnly).toEqual(expect.arrayContaining(['rapid review pack', 'forum report', 'my actions']));
    for (const list of bot.commandLists!) {
      const personal = list.scopes[0] === 'personal';
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) expect(titles).toContain(c.title);
      // Commands that show case content are offered only where they are answered: the 1:1 chat.
      if (!personal) for (const c of list.commands) expect(personalOnly).not.toContain(c.title);
      for (const wanted of PRIORITY_TITLES)
        if (titles.includes(wanted) && (personal || !personalOnly.includes(wanted)))
          expect(list.commands.map((c) => c.title)).toContain(wanted);
    }
    expect(bot.commandLists![0]!.commands[0]).toEqual({
      title: 'help',
      description: 'What I can do for you',
    });
  });

  it('keeps the product commands and stays within ten when the catalog has more', async () => {
    const lists = commandLists(FULL_CATALOG);
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual([
        'help',
        'my requests',
        'my actions',
        'rapid review new',
        'rapid review status',
        'forum',
        'book meeting',
        'audit export',
        'forum report',
        'tracker',
      ]);
    }
    expect(lists[0]!.commands[4]).toEqual({
      title: 'rapid review status',
      description: 'Who has answered a Rapid Review (type: rapid review status <ref>)',
    });
    expect(await validateManifest(buildManifest(settings, FULL_CATALOG))).toEqual([]);
  });

  it('represents a command family by its first member when the catalog has no bare command', () => {
    const catalog: CommandSpec[] = [
      ...Array.from({ length: 9 }, (_, i) => ({ usage: `extra ${i}`, description: 'x' })),
      { usage: 'forum sessions', description: 'Forum sessions' },
      { usage: 'forum plan', description: 'Plan the year' },
      { usage: 'help', description: 'What I can do for you' },
    ];
    expect(commandLists(catalog)[0]!.commands.map((c) => c.title)).toEqual([
      'help',
      'forum sessions',
      'extra 0',
      'extra 1',
      'extra 2',
      'extra 3',
      'extra 4',
      'extra 5',
      'extra 6',
      'extra 7',
    ]);
  });

  it('refuses a command title longer than Teams allows', () => {
    expect(() =>
      commandLists([{ usage: 'an extraordinarily long command name here', description: 'x' }]),
    ).toThrow('longer than the 32 characters');
  });

  it('reports schema and Teams problems by path', async () => {
    const manifest = buildManifest(settings, FULL_CATALOG);
    manifest.id = 'not-a-guid';
    manifest.bots![0]!.commandLists![0]!.commands.push({ title: 'one too many' });
    manifest.validDomains = ['https://masa.wakefield.example/'];
    const problems = await validateManifest(manifest);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id must match pattern/),
        '/bots/0/commandLists/0/commands has 11 commands; Teams allows 10',
        '/validDomains: "https://masa.wakefield.example/" must be a host name only',
      ]),
    );
  });
});

describe('app package zip', () => {
  it('holds the manifest and both icons at the root, at the sizes Teams requires', async () => {
    const pkg = await buildAppPackage(settings);
    const zip = await JSZip.loadAsync(pkg.zip);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest: unknown = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toEqual(pkg.manifest);

    const color = decodePng(await zip.file('color.png')!.async('uint8array'));
    expect([color.width, color.height]).toEqual([192, 192]);
    for (let i = 3; i < color.data.length; i += 4) expect(color.data[i]).toBe(255);

    const outlineBytes = await zip.file('outline.png')!.async('uint8array');
    expect(pngHeader(outlineBytes)).toMatchObject({ width: 32, height: 32, colourType: 6 });
    const outline = decodePng(outlineBytes);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) transparent++;
      else {
        drawn++;
        expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(drawn).toBeGreaterThan(50);
  });

  it('refuses to zip an invalid manifest', async () => {
    await expect(buildAppPackage({ ...settings, version: 'x'.repeat(300) })).rejects.toThrow(
      ManifestInvalidError,
    );
  });

  it('ships the committed icons, which match what the drawing code produces', () => {
    const drawn = renderIcons();
    expect(readFileSync(ICON_FILES.color).equals(drawn.color)).toBe(true);
    expect(readFileSync(ICON_FILES.outline).equals(drawn.outline)).toBe(true);
  });
});

describe('npm run package', () => {
  it('reads the app id, domain, version and partnership from the environment', () => {
    const { settings: s, partnershipId } = packageSettingsFromEnv({
      MICROSOFT_APP_ID: APP_ID.toUpperCase(),
      PUBLIC_BASE_URL: 'https://bot.norfolk.example/base',
      PARTNERSHIP: 'norfolk',
      APP_VERSION: '2.0.1',
    });
    expect(partnershipId).toBe('norfolk');
    expect(s).toMatchObject({
      appId: APP_ID,
      publicBaseUrl: 'https://bot.norfolk.example/base',
      version: '2.0.1',
    });
  });

  it("defaults the version to package.json's", () => {
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    const { settings: s } = packageSettingsFromEnv({
      MICROSOFT_APP_ID: APP_ID,
      PUBLIC_BASE_URL: 'https://x.example',
    });
    expect(s.version).toBe(version);
    expect(s.partnership.shortName).toBe('WSCP');
  });

  it('names every missing or bad variable', () => {
    let error: unknown;
    try {
      packageSettingsFromEnv({ PUBLIC_BASE_URL: 'http://insecure.example', APP_VERSION: 'v1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackageEnvError);
    const problems = (error as PackageEnvError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^MICROSOFT_APP_ID: is required/);
    expect(problems[1]).toMatch(/^PUBLIC_BASE_URL: expected an https:\/\/ address/);
    expect(problems[2]).toMatch(/^APP_VERSION: expected a version like 1\.2\.3/);
  });

  it('writes a valid zip to manifest/build/', async () => {
    const run = promisify(execFile);
    const root = path.resolve(__dirname, '..', '..');
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/package-app.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          MICROSOFT_APP_ID: APP_ID,
          PUBLIC_BASE_URL: 'https://masa.test.example',
          PARTNERSHIP: 'south-tees',
          APP_VERSION: '9.9.9',
        },
      },
    );
    expect(stdout).toContain('wrote manifest/build/masa-bot-south-tees-9.9.9.zip');
    const zipPath = path.join(root, 'manifest/build/masa-bot-south-tees-9.9.9.zip');
    expect(existsSync(zipPath)).toBe(true);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      validDomains: string[];
    };
    expect(manifest.validDomains).toEqual(['masa.test.example']);
  }, 60_000);
});

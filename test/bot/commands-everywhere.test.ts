import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { FakeConnector } from '../support/fake-connector';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { presetWithObjectIds, objectIdFor } from '../support/partnership-file';
import { teamsMessage } from '../support/activities';
import { COMMANDS as CATALOG, commandName } from '../../core/commands/catalog';

const CONVERSATIONS = [
  { kind: 'personal chat', id: 'a:29:manager', type: 'personal', mention: false },
  { kind: 'group chat', id: '19:group-1@thread.v2', type: 'groupChat', mention: true },
  { kind: 'channel', id: '19:channel-1@thread.tacv2', type: 'channel', mention: true },
] as const;

/** Each command, and words its answer must contain where it is answered. */
const COMMANDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['help', /rapid review new/],
  ['my requests', /request/i],
  ['my actions', /action/i],
  ['actions ILD', /action/i],
  ['rapid review status RR-2026-999', /RR-2026-999/],
  ['rapid review pack RR-2026-999', /RR-2026-999/],
  ['forum sessions', /forum/i],
  ['forum report F-2026-999', /F-2026-999/],
];

/** Their answers carry case content or signed links, so outside a 1:1 chat the bot points there instead. */
const PERSONAL_ONLY = new Set([
  'my actions',
  'actions',
  'rapid review status',
  'rapid review pack',
  'forum report',
]);
const nameOf = (command: string) =>
  [...PERSONAL_ONLY].find((n) => command === n || command.startsWith(`${n} `)) ?? command;

describe('the front-door commands in personal chat, group chat and channels', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const manager = { id: '29:manager', aadObjectId: objectIdFor('bu-manager'), name: 'Manager' };

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({ PARTNERSHIP: presetWithObjectIds('wakefield') });
    bot = await startBot(t.rt);
  });
  afterAll(async () => {
    await bot.close();
    await t.close();
    await connector.stop();
  });

  it('covers every command the catalog answers only in a 1:1 chat', () => {
    expect(
      CATALOG.filter((c) => c.personalOnly)
        .map(commandName)
        .sort(),
    ).toEqual([...PERSONAL_ONLY].sort());
  });

  const cases = CONVERSATIONS.flatMap((c) =>
    COMMANDS.map(([command, expected]) => [c.kind, command, expected, c] as const),
  );

  it.each(cases)(
    '%s: "%s" is understood and answered in the same conversation (case content only in a 1:1 chat)',
    async (_kind, command, expected, c) => {
      connector.calls.splice(0);
      const at = '<at>masa-bot</at>';
      const activity = {
        ...teamsMessage(connector.url, manager, c.mention ? `${at} ${command}` : command, c.id),
        conversation: { id: c.id, conversationType: c.type, tenantId: 'tenant-1' },
        ...(c.mention
          ? { entities: [{ type: 'mention', text: at, mentioned: { id: '28:masa-bot', name: 'masa-bot' } }] }
          : {}),
      };
      const res = await request(bot.server).post('/api/messages').send(activity);
      expect(res.status).toBe(200);
      const [reply] = await connector.waitForCalls(1);
      expect(reply!.conversationId).toBe(c.id);
      const text = JSON.stringify(reply!.body);
      expect(text).not.toContain("didn't recognise");
      if (c.type !== 'personal' && PERSONAL_ONLY.has(nameOf(command))) {
        expect(reply!.body.text).toBe(
          `"${nameOf(command)}" shows case details, so I answer it only in a 1:1 chat: ` +
            'send it to me in a personal chat with the app.',
        );
        expect(text).not.toMatch(/\/packs\/|\/exports\//);
      } else {
        expect(text).toMatch(expected);
      }
      // The help card in a shared conversation says which commands are answered only in a 1:1 chat.
      if (command === 'help') expect(text.includes('(answered in a 1:1 chat)')).toBe(c.type !== 'personal');
    },
  );
});

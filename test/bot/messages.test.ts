import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { FakeConnector } from '../support/fake-connector';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { presetWithObjectIds, objectIdFor } from '../support/partnership-file';
import { teamsInstall, teamsMessage } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';
import { findPersonalReference } from '../../core/conversations/store';

describe('bot in local mode, through a fake Bot Connector', () => {
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
  beforeEach(() => connector.calls.splice(0));

  const post = (activity: object) => request(bot.server).post('/api/messages').send(activity);

  it('answers "help" with a valid Adaptive Card 1.5', async () => {
    const res = await post(teamsMessage(connector.url, manager, 'help'));
    expect(res.status).toBe(200);
    const [call] = await connector.waitForCalls(1);
    expect(call!.conversationId).toBe('a:29:manager');
    const attachment = (call!.body.attachments as Array<{ contentType: string; content: unknown }>)[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardProblems(attachment.content)).toEqual([]);
    expect(JSON.stringify(attachment.content)).toContain('WSCP');
  });

  it('strips an @mention in a channel before reading the command', async () => {
    const activity = {
      ...teamsMessage(connector.url, manager, '<at>masa-bot</at> help', '19:channel@thread.tacv2'),
      entities: [
        { type: 'mention', text: '<at>masa-bot</at>', mentioned: { id: '28:masa-bot', name: 'masa-bot' } },
      ],
    };
    await post(activity);
    const [call] = await connector.waitForCalls(1);
    expect((call!.body.attachments as unknown[]).length).toBe(1);
  });

  it('suggests the closest command for a typo', async () => {
    await post(teamsMessage(connector.url, manager, 'hlep'));
    const [call] = await connector.waitForCalls(1);
    expect(call!.body.text).toBe(
      'I didn\'t recognise that. Did you mean "help"? Type "help" to see what I can do.',
    );
  });

  it('tells someone outside the directory who to contact, and nothing else', async () => {
    await post(
      teamsMessage(connector.url, { id: '29:stranger', aadObjectId: objectIdFor('stranger') }, 'help'),
    );
    const [call] = await connector.waitForCalls(1);
    expect(call!.body.text).toMatch(/can't find you in the WSCP directory.*bu-manager@wakefield\.example/);
    expect(call!.body.attachments).toBeUndefined();
  });

  it('stores the conversation reference on install and greets the person', async () => {
    await post(teamsInstall(connector.url, manager, 'a:install-1'));
    await connector.waitForCalls(1);
    const ref = await findPersonalReference(t.rt.database.db, 'wakefield', 'bu-manager');
    expect(ref).toMatchObject({
      conversation: { id: 'a:install-1', tenantId: 'tenant-1' },
      serviceUrl: connector.url,
    });
    const audit = await t.rt.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'bot.installed')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers health and readiness probes', async () => {
    expect((await request(bot.server).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(bot.server).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, checks: { database: 'ok', redis: 'ok' } });
  });
});

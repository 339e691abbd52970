import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { teamsMessage } from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

/** The sessions list is the organisers' (catalog roles of `forum sessions`): a DSL typing it gets a sentence. */
describe('forum sessions is for the forum organisers', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });

  beforeAll(async () => {
    await connector.start();
    t = await openTestRuntime({
      PARTNERSHIP: presetWithObjectIds('wakefield'),
      CLOCK_START: '2026-11-02T10:00:00Z',
    });
    bot = await startBot(t.rt);
  });
  afterAll(async () => {
    await bot.close();
    await t.close();
    await connector.stop();
  });

  /** Types a command in the person's 1:1 chat; resolves with the bot's reply to it. */
  async function say(personId: string, text: string): Promise<Record<string, unknown>> {
    const activity = teamsMessage(connector.url, user(personId), text);
    await request(bot.server).post('/api/messages').send(activity).expect(200);
    const [answer] = await waitUntil(
      async () => connector.calls.filter((c) => c.method === 'POST' && c.body.replyToId === activity.id),
      (calls) => calls.length > 0,
    );
    return answer!.body;
  }

  it('refuses a DSL the list (also through "forum schedule" without arguments) and shows it to the advisor', async () => {
    const scheduled = await say('education-advisor', 'forum schedule 2026-11-04 Autumn 2');
    expect(scheduled.text).toBe('Scheduled FORUM-2026-11-04 on 4 Nov 2026.');

    for (const command of ['forum sessions', 'forum schedule']) {
      const refused = await say('dsl-primary-1', command);
      expect(refused.text).toBe(
        'Only the Safeguarding Education Advisor or the business unit can see the DSL forum sessions.',
      );
      expect(refused.attachments ?? []).toEqual([]);
      expect(JSON.stringify(refused)).not.toContain('FORUM-2026-11-04');
    }

    const advisor = await say('education-advisor', 'forum sessions');
    expect(advisor.text).toMatch(/: sessions$/);
    expect(JSON.stringify(advisor.attachments)).toContain('FORUM-2026-11-04');
    const manager = await say('bu-manager', 'forum sessions');
    expect(JSON.stringify(manager.attachments)).toContain('FORUM-2026-11-04');
  });
});

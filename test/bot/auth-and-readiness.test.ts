import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { startOwnRedis } from '../support/redis';
import { teamsMessage } from '../support/activities';

describe('outside local mode', () => {
  let t: TestRuntime;
  let bot: RunningBot;

  beforeAll(async () => {
    t = await openTestRuntime({
      MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555',
      MICROSOFT_APP_PASSWORD: 'secret',
      FORM_TOKEN_SECRET: 'x'.repeat(32),
    });
    bot = await startBot(t.rt);
  });
  afterAll(async () => {
    await bot.close();
    await t.close();
  });

  it('rejects an activity with no Bot Framework token', async () => {
    const res = await request(bot.server)
      .post('/api/messages')
      .send(teamsMessage('http://127.0.0.1:1', { id: '29:x' }, 'help'));
    expect(res.status).toBe(401);
  });

  it('rejects an activity with a forged token', async () => {
    const res = await request(bot.server)
      .post('/api/messages')
      .set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')
      .send(teamsMessage('http://127.0.0.1:1', { id: '29:x' }, 'help'));
    expect(res.status).toBe(401);
  });
});

describe('/readyz', () => {
  it('fails while Redis is down and recovers when it is back', async () => {
    const redis = await startOwnRedis();
    const t = await openTestRuntime({}, redis.url);
    const bot = await startBot(t.rt);
    try {
      expect((await request(bot.server).get('/readyz')).status).toBe(200);
      await redis.stop();
      const down = await request(bot.server).get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body.ready).toBe(false);
      expect(down.body.checks.database).toBe('ok');
      expect(down.body.checks.redis).not.toBe('ok');
    } finally {
      await bot.close();
      await t.close();
    }
  });
});

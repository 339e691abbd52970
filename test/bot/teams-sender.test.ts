import { createAdapter } from '../../bot/adapter';
import { teamsSender } from '../../bot/proactive/teams-sender';
import { parseEnv } from '../../config/env';
import { describeDeliveryCode } from '../../core/delivery/failure-reasons';
import { createLogger } from '../../core/logger';
import { FakeConnector } from '../support/fake-connector';

describe('proactive Teams sends check the Bot Connector answer', () => {
  const connector = new FakeConnector();
  const sender = () => teamsSender(createAdapter(parseEnv({ NODE_ENV: 'test' }), createLogger('silent')), '');
  const ref = () => ({
    bot: { id: '28:masa-bot' },
    user: { id: '29:dci-safeguarding' },
    conversation: { id: 'a:dci-safeguarding', conversationType: 'personal', tenantId: 'tenant-1' },
    channelId: 'msteams',
    serviceUrl: connector.url,
  });
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'RR-2026-014' }] };

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  afterEach(() => {
    connector.respond = () => undefined;
  });

  it('returns the new activity id', async () => {
    const outcome = await sender().send(ref(), { text: 'Rapid Review RR-2026-014', card });
    expect(outcome).toEqual({ kind: 'sent', activityId: expect.stringMatching(/^activity-/) });
  });

  it.each([
    ['no id', {}],
    ['an empty id', { id: '' }],
    ['an id that is not text', { id: 42 }],
  ])(
    'records an accepted send with %s as a failure the sender is told about, not a success',
    async (_, body) => {
      connector.respond = () => ({ status: 200, body });
      const outcome = await sender().send(ref(), { text: 'Rapid Review RR-2026-014', card });
      expect(outcome).toEqual({ kind: 'permanent', status: 200, code: 'NO_ACTIVITY_ID' });
      expect(describeDeliveryCode('TEAMS_NO_ACTIVITY_ID')).toMatch(/check with them/);
    },
  );
});

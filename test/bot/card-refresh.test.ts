import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { NOTICE_VERBS, buildNoticeCard } from '../../cards/notice';
import { REFRESH_VERB } from '../../core/actions/refresh';
import { createMessage } from '../../core/delivery/create-message';
import { teamsCardAction } from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { objectIdFor, presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

describe('Teams card refresh: the card as sent only for someone it was sent to', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const user = (personId: string) => ({
    id: `29:${personId}`,
    aadObjectId: objectIdFor(personId),
    name: personId,
  });
  const refresh = (personId: string, messageId: string) =>
    request(bot.server)
      .post('/api/messages')
      .send(
        teamsCardAction(
          connector.url,
          user(personId),
          { verb: REFRESH_VERB, data: { messageId } },
          { trigger: 'automatic' },
        ),
      );

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

  /** A message of a kind with no per-viewer view: refresh can only show the card as sent. */
  async function sentTo(recipient: string, kind: string): Promise<string> {
    const { messageId } = await createMessage(t.rt.database.db, {
      partnershipId: t.rt.partnership.id,
      kind,
      subject: `Briefing for ${recipient}`,
      summary: 'Please read.',
      card: buildNoticeCard({
        partnership: 'WSCP',
        title: `Briefing for ${recipient}`,
        body: 'Please read.',
        messageId: '00000000-0000-4000-8000-000000000000',
      }),
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients: [recipient],
    });
    return messageId;
  }

  it('refuses someone who was not sent the message when no view shows them anything', async () => {
    for (const kind of ['notice', 'briefing']) {
      const messageId = await sentTo('bu-coordinator', kind);
      const res = await refresh('qpd-officer', messageId);
      expect(res.body).toMatchObject({
        statusCode: 403,
        value: { message: 'This card was sent to someone else.' },
      });
      expect(JSON.stringify(res.body)).not.toContain('Briefing for bu-coordinator');
    }
  });

  it('shows the recipient their card, by the view or as sent', async () => {
    for (const kind of ['notice', 'briefing']) {
      const messageId = await sentTo('bu-coordinator', kind);
      const res = await refresh('bu-coordinator', messageId);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(res.body.value)).toContain('Briefing for bu-coordinator');
    }
  });
});

import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { NOTICE_VERBS, buildNoticeCard } from '../../cards/notice';
import { createMessage } from '../../core/delivery/create-message';
import { FakeConnector } from '../support/fake-connector';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { presetWithObjectIds, objectIdFor } from '../support/partnership-file';
import { emailMessage, teamsCardAction } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';

describe('card actions and the email channel, through a fake Bot Connector', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const coordinator = { id: '29:coord', aadObjectId: objectIdFor('bu-coordinator'), name: 'Coordinator' };
  const stranger = { id: '29:stranger', aadObjectId: '00000000-0000-4000-8000-00000000dead', name: 'X' };

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

  async function notice(recipient: string): Promise<string> {
    const messageId = '6f1d0b8e-3a55-4c1e-9d3f-0f6a1b2c3d4e';
    await createMessage(t.rt.database.db, {
      id: messageId,
      partnershipId: t.rt.partnership.id,
      kind: 'notice',
      caseReference: 'RR-2026-031',
      subject: 'RR-2026-031: briefing',
      summary: 'Please acknowledge.',
      card: buildNoticeCard({
        partnership: 'WSCP',
        title: 'RR-2026-031: briefing',
        body: 'Please acknowledge.',
        messageId,
      }),
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients: [recipient],
    });
    return messageId;
  }

  it('runs Action.Execute through the card-action handler and replaces the card', async () => {
    const messageId = await notice('bu-coordinator');
    const res = await post(
      teamsCardAction(connector.url, coordinator, { verb: NOTICE_VERBS.acknowledge, data: { messageId } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(adaptiveCardProblems(res.body.value)).toEqual([]);
    expect(JSON.stringify(res.body.value)).toMatch(/Acknowledged \d{1,2} [A-Z][a-z]{2} \d{4}/);
    const row = await t.rt.database.db
      .selectFrom('deliveries')
      .select('answered_at')
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row.answered_at).toBeInstanceOf(Date);
  });

  it('answers an unknown verb with a 400 error body, not an exception', async () => {
    const res = await post(teamsCardAction(connector.url, coordinator, { verb: 'no.such.verb' }));
    expect(res.body).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { message: 'This button is not recognised. It may be from an older card.' },
    });
  });

  it('refuses someone outside the directory, whatever the card data says', async () => {
    const res = await post(
      teamsCardAction(connector.url, stranger, {
        verb: NOTICE_VERBS.acknowledge,
        data: { messageId: '6f1d0b8e-3a55-4c1e-9d3f-0f6a1b2c3d4e', personId: 'bu-coordinator' },
      }),
    );
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(res.body.value).toMatch(/not in the WSCP directory/);
  });

  it('answers on the email channel in HTML, never with a card', async () => {
    const email = t.rt.directory.person('bu-coordinator')!.email;
    await post(emailMessage(connector.url, email, 'help'));
    const [call] = await connector.waitForCalls(1);
    expect(call!.body.attachments ?? []).toEqual([]);
    expect(call!.body.textFormat).toBe('xml');
    expect(String(call!.body.text)).toMatch(/^<p>WSCP safeguarding assistant/);
    expect(String(call!.body.text)).toContain('<b>help</b>');
  });
});

import request from 'supertest';
import { startBot, type RunningBot } from '../../bot/start';
import { commandsFor } from '../../core/commands/catalog';
import { loadPartnershipFile } from '../../config/partnership/load';
import { FakeConnector } from '../support/fake-connector';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { presetWithObjectIds, objectIdFor } from '../support/partnership-file';
import { teamsInstall } from '../support/activities';
import { adaptiveCardProblems } from '../support/cards';

interface Fact {
  title: string;
  value: string;
}
interface CardBody {
  body: Array<{ type: string; text?: string; facts?: Fact[] }>;
}

describe('welcome card on install', () => {
  let t: TestRuntime;
  let bot: RunningBot;
  const connector = new FakeConnector();
  const wakefield = loadPartnershipFile('wakefield');
  const user = (personId: string) => ({ id: `29:${personId}`, aadObjectId: objectIdFor(personId) });

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

  const post = (activity: object) => request(bot.server).post('/api/messages').send(activity).expect(200);

  async function welcomeFor(personId: string): Promise<{ card: CardBody; roles: Fact[]; commands: Fact[] }> {
    await post(teamsInstall(connector.url, user(personId), `a:welcome-${personId}`));
    const [call] = await connector.waitForCalls(1);
    expect(call!.conversationId).toBe(`a:welcome-${personId}`);
    const attachments = call!.body.attachments as Array<{ contentType: string; content: CardBody }>;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachments[0]!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const [roles, commands] = card.body.filter((b) => b.type === 'FactSet').map((b) => b.facts!);
    return { card, roles: roles!, commands: commands! };
  }

  it("explains the business unit manager's roles and seats, and lists exactly their commands", async () => {
    const { card, roles, commands } = await welcomeFor('bu-manager');
    expect(JSON.stringify(card)).toContain('Hello Business unit manager.');
    expect(card.body[0]!.text).toBe('Welcome to the WSCP safeguarding assistant');
    expect(roles.map((f) => f.title)).toEqual(
      expect.arrayContaining(['Business unit manager', 'Business unit', 'Member of CSPRG']),
    );
    expect(roles.find((f) => f.title === 'Business unit')!.value).toMatch(/Open Rapid Reviews/);
    const person = wakefield.people.find((p) => p.id === 'bu-manager')!;
    expect(commands).toEqual(
      commandsFor(person.roles).map((c) => ({ title: c.usage, value: c.description })),
    );
  });

  it('tells a subgroup chair what chairing lets them do', async () => {
    const { roles } = await welcomeFor('hos-quality-learning');
    const csprg = wakefield.subgroups.find((g) => g.id === 'CSPRG')!;
    expect(roles).toContainEqual({
      title: 'Chair of CSPRG',
      value: `${csprg.name}: receive escalation cards for its actions, re-route recommendations and book its meetings.`,
    });
    expect(roles.map((f) => f.title)).toContain('Agency lead');
    expect(roles.map((f) => f.title)).not.toContain('Member of CSPRG');
  });

  it('gives a DSL only what a DSL can do', async () => {
    const { roles, commands } = await welcomeFor('dsl-primary-1');
    expect(roles).toEqual([
      {
        title: 'Designated Safeguarding Lead',
        value: "Submit your school's DSL forum opinion form each term.",
      },
    ]);
    expect(commands.map((c) => c.title)).toEqual(commandsFor(['dsl']).map((c) => c.usage));
  });

  it('tells someone outside the directory whom to contact, with no card', async () => {
    await post(teamsInstall(connector.url, user('stranger'), 'a:welcome-stranger'));
    const [call] = await connector.waitForCalls(1);
    expect(call!.body.text).toMatch(/can't find you in the WSCP directory.*bu-manager@wakefield\.example/);
    expect(call!.body.attachments).toBeUndefined();
  });

  it('greets once per install: a repeated install event says nothing more, a re-install after removal greets again', async () => {
    const install = teamsInstall(connector.url, user('designated-nurse'), 'a:welcome-repeat');
    const installationAdd = {
      ...install,
      type: 'installationUpdate',
      action: 'add',
      membersAdded: undefined,
    };
    // Teams' two events of one install, in the order that must not matter, and a page reload's repeat.
    await post({ ...installationAdd, id: 'add-1' });
    await post(install);
    await post({ ...install, id: 'reload' });
    await connector.waitForCalls(1);
    await post({ ...installationAdd, id: 'add-2' });
    expect(connector.calls.filter((c) => c.conversationId === 'a:welcome-repeat')).toHaveLength(1);

    await post({ ...installationAdd, id: 'remove', action: 'remove' });
    await post({ ...install, id: 'reinstall' });
    await connector.waitForCalls(2);
    expect(connector.calls.filter((c) => c.conversationId === 'a:welcome-repeat')).toHaveLength(2);
  });

  it('greets a team channel briefly, without anyone’s roles', async () => {
    const install = teamsInstall(connector.url, user('bu-manager'), '19:general@thread.tacv2');
    await post({ ...install, conversation: { ...install.conversation, conversationType: 'channel' } });
    const [call] = await connector.waitForCalls(1);
    expect(call!.body.text).toMatch(/^Hello, I'm the WSCP safeguarding assistant\. @mention me with "help"/);
    expect(call!.body.attachments).toBeUndefined();
  });
});

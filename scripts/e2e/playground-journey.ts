/**
 * The product end to end through the Microsoft 365 Agents Playground, as the
 * Wakefield CSPRG chair (who is also an agency lead, so one personal chat
 * shows every side): install, help, open a Rapid Review, answer the
 * information request, see the tracker update, record the decision (its
 * recommendation is routed to ILD, which this person also chairs), create an
 * action, book and cancel a meeting (fake Graph); the Education Advisor schedules a DSL forum and issues
 * the form, a DSL without Teams answers through the emailed link (local outbox) and the advisor sees the
 * report; then restart with the local clock (CLOCK_START) a week later: the
 * overdue action escalates to the chair, who presses "Chase owner now" in the
 * Playground's web UI (playwright-core, Debian's Chromium), with a screenshot.
 *
 * Prints one JSON line per step to stderr and a result line to stdout
 * (`{"ok":true|false,"steps":[...],...}`); exits 0 or 1. Run it in a
 * loopback-only network namespace:
 *
 *   unshare -n sh -c 'ip link set lo up; exec npx tsx scripts/e2e/playground-journey.ts'
 *
 * Environment: JOURNEY_SCREENSHOT (default test-results/playground-escalation.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { ACTION_VERBS } from '../../cards/tracked-action/verbs';
import { ESCALATION_VERBS } from '../../cards/escalation';
import { MEETING_VERBS } from '../../cards/meeting/verbs';
import { FORUM_VERBS } from '../../cards/forum/verbs';
import {
  ADAPTIVE_CARD,
  type PlaygroundAccount,
  type PlaygroundClient,
  type PlaygroundStream,
  type StreamEvent,
} from '../playground/client';
import { loopbackOnly, removeWork, startDevSession, withWebSocket, type DevSession } from './dev-session';

const REPO = path.resolve(__dirname, '..', '..');
const CHAIR = 'hos-quality-learning';
const REF = 'RR-2026-077';
const STEP_TIMEOUT = 45_000;
const SCREENSHOT =
  process.env.JOURNEY_SCREENSHOT ?? path.join(REPO, 'test-results', 'playground-escalation.png');

type Card = Record<string, unknown>;
interface Step {
  step: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

/** The Action.Execute with this verb anywhere in a card, or undefined. */
function actionIn(node: unknown, verb: string): { data: Record<string, unknown> } | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = actionIn(n, verb);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === verb)
      return { data: (o.data && typeof o.data === 'object' ? o.data : {}) as Record<string, unknown> };
    for (const v of Object.values(o)) {
      const found = actionIn(v, verb);
      if (found) return found;
    }
  }
  return undefined;
}

/** The values a card's inputs start with, as Teams would send them with a button press. */
function inputDefaults(node: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(node)) node.forEach((n) => inputDefaults(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && 'value' in o)
      out[o.id] = o.value;
    for (const v of Object.values(o)) if (v && typeof v === 'object') inputDefaults(v, out);
  }
  return out;
}

/** Polls until `probe` returns something (the outbox is written by a worker). */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = STEP_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface OutboxMail {
  to: string;
  subject: string;
  html: string;
}

/**
 * What someone without Teams does: finds the bot's email in the local outbox, opens its form link and
 * presses the card's button with their answers, as the web form's script would post it.
 */
async function answerByEmailedLink(
  session: DevSession,
  pick: (mail: OutboxMail) => boolean,
  press: { verb: string; inputs: Record<string, unknown> },
): Promise<void> {
  const bot = `http://127.0.0.1:${session.ports.bot}`;
  const mail = await waitFor(async () => {
    const res = await fetch(`${bot}/dev/outbox.json`);
    return ((await res.json()) as { mail: OutboxMail[] }).mail.find(pick);
  });
  const link = /\/forms\/[A-Za-z0-9_.-]+/.exec(mail.html)?.[0];
  if (!link) throw new Error('the email has no form link');
  const page = await (await fetch(bot + link)).text();
  const cardJson = /<script type="application\/json" id="card">([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (!cardJson) throw new Error('the form page has no card');
  const card: unknown = JSON.parse(cardJson);
  const action = actionIn(card, press.verb);
  if (!action) throw new Error(`the form has no "${press.verb}" button`);
  const res = await fetch(bot + link, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      verb: press.verb,
      data: { ...inputDefaults(card), ...action.data, ...press.inputs },
    }),
  });
  if (res.status !== 200) throw new Error(`the answer was refused (${res.status}): ${await res.text()}`);
}

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

function cardOf(e: StreamEvent): Card | undefined {
  if (e.action === 'typing') return undefined;
  const a = e.message.attachments.find((x) => x.contentType === ADAPTIVE_CARD);
  return a?.content && typeof a.content === 'object' ? (a.content as Card) : undefined;
}

class Journey {
  readonly steps: Step[] = [];
  constructor(
    private readonly client: PlaygroundClient,
    private readonly stream: PlaygroundStream,
    private readonly ids: { bot: string; chat: string; me: string },
  ) {}

  async step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const value = await run();
      this.record({ step: name, ok: true, ms: Date.now() - started });
      return value;
    } catch (e) {
      this.record({ step: name, ok: false, ms: Date.now() - started, detail: (e as Error).message });
      for (const ev of this.stream.events)
        if (ev.action !== 'typing')
          process.stderr.write(
            `  ${ev.action} ${ev.message.messageId}: ${(ev.message.text ?? '').slice(0, 80)} ${textOf(cardOf(ev) ?? {}).slice(0, Number(process.env.JOURNEY_DEBUG_CHARS ?? 300))}\n`,
          );
      throw e;
    }
  }

  private record(s: Step): void {
    this.steps.push(s);
    process.stderr.write(`${JSON.stringify(s)}\n`);
  }

  /** The next bot message or update in the personal chat, after `since` events, whose card matches. */
  async botCard(
    match: (card: Card) => boolean,
    opts: { since?: number; kinds?: Array<'createMessage' | 'updateMessage'>; timeoutMs?: number } = {},
  ): Promise<{ messageId: string; card: Card }> {
    const since = opts.since ?? 0;
    const kinds = opts.kinds ?? ['createMessage', 'updateMessage'];
    const event = await this.stream.waitFor((e) => {
      if (e.action === 'typing' || !kinds.includes(e.action)) return false;
      if (this.stream.events.indexOf(e) < since) return false;
      if (e.message.from.id !== this.ids.bot || e.actionConversationId !== this.ids.chat) return false;
      const card = cardOf(e);
      return card !== undefined && match(card);
    }, opts.timeoutMs ?? STEP_TIMEOUT);
    if (event.action === 'typing') throw new Error('unexpected typing event');
    return { messageId: event.message.messageId, card: cardOf(event)! };
  }

  /** The next bot message (text or card) in this chat after `since` events whose words match. */
  async botMessage(match: (text: string) => boolean, opts: { since?: number } = {}): Promise<void> {
    const since = opts.since ?? 0;
    await this.stream.waitFor((e) => {
      if (e.action === 'typing' || this.stream.events.indexOf(e) < since) return false;
      if (e.message.from.id !== this.ids.bot || e.actionConversationId !== this.ids.chat) return false;
      return match(`${e.message.text ?? ''} ${textOf(cardOf(e) ?? {})}`);
    }, STEP_TIMEOUT);
  }

  mark(): number {
    return this.stream.events.length;
  }

  async say(text: string): Promise<void> {
    await this.client.sendMessage(this.ids.chat, this.ids.me, text);
  }

  /** A message typed by another Playground user (the bot answers in this chat). */
  async sayAs(account: PlaygroundAccount, text: string): Promise<void> {
    await this.client.messageAs(this.ids.chat, account, text);
  }

  /** Presses a card's Action.Execute with the inputs a person would fill in; returns the invoke response. */
  async press(
    message: { messageId: string; card: Card },
    verb: string,
    inputs: Record<string, unknown> = {},
  ) {
    const action = actionIn(message.card, verb);
    if (!action) throw new Error(`the card has no "${verb}" button`);
    const res = await this.client.execute({
      conversationId: this.ids.chat,
      fromId: this.ids.me,
      replyToId: message.messageId,
      verb,
      data: { ...inputDefaults(message.card), ...action.data, ...inputs },
    });
    if (res.type !== ADAPTIVE_CARD)
      throw new Error(`"${verb}" answered ${res.type}: ${JSON.stringify(res.value)}`);
    return res.value as Card;
  }
}

async function sessionOne(session: DevSession, result: Record<string, unknown>): Promise<Step[]> {
  const config = await session.client.config();
  const ids = { bot: config.bot.id, chat: config.personalChat.id, me: config.currentUser.id };
  const stream = await session.client.openStream();
  const j = new Journey(session.client, stream, ids);
  try {
    await j.step('install: welcome card', async () => {
      await session.client.install(ids.chat);
      await j.botCard((c) => /welcome|what you can do/i.test(textOf(c)));
    });
    await j.step('help: help card', async () => {
      const since = j.mark();
      await j.say('help');
      await j.botCard((c) => textOf(c).includes('rapid review new'), { since });
    });
    const tracker = await j.step('open a Rapid Review', async () => {
      const since = j.mark();
      await j.say('rapid review new');
      const form = await j.botCard((c) => actionIn(c, RR_VERBS.open) !== undefined, { since });
      const card = await j.press(form, RR_VERBS.open, {
        rr_caseReference: REF,
        rr_notificationDate: '2026-02-27',
        rr_category: 'serious-harm',
        rr_agencyLeads: `${CHAIR},designated-nurse`,
        rr_chair: CHAIR,
      });
      if (!textOf(card).includes(REF)) throw new Error('the tracker does not show the case reference');
      return card;
    });
    result.panelDeadline = /2026-03-20|20 Mar/.test(textOf(tracker));
    const request = await j.step('the agency lead receives the information request', () =>
      j.botCard((c) => actionIn(c, RR_VERBS.submit) !== undefined && textOf(c).includes(REF)),
    );
    const trackerCopy = await j.step('the chair receives the tracker', () =>
      j.botCard(
        (c) => actionIn(c, RR_VERBS.decide) !== undefined || actionIn(c, RR_VERBS.chase) !== undefined,
      ),
    );
    await j.step('the agency lead answers; the card turns read-only', async () => {
      const card = await j.press(request, RR_VERBS.submit, {
        rr_involved: 'yes',
        rr_period: 'April 2025 to February 2026',
        rr_summary: 'Two contacts with the family, both recorded.',
        rr_keyEvents: '2025-04-02 health visit; 2026-02-20 attendance',
        rr_immediateActions: 'Safeguarding referral made on the day.',
        rr_learning: 'Information shared promptly.',
        rr_csprView: 'may-meet',
      });
      if (actionIn(card, RR_VERBS.submit)) throw new Error('the answered card still has a Submit button');
    });
    await j.step('the tracker updates itself', async () => {
      await j.botCard(
        (c) =>
          /submitted/i.test(textOf(c)) &&
          textOf(c).includes(REF) &&
          (actionIn(c, RR_VERBS.decide) !== undefined || actionIn(c, RR_VERBS.chase) !== undefined),
        { kinds: ['updateMessage'] },
      );
    });
    await j.step('an agency lead without Teams answers through the emailed link (local outbox)', async () => {
      const since = j.mark();
      await answerByEmailedLink(
        session,
        (m) => m.subject.includes(REF) && m.to.startsWith('designated-nurse@'),
        {
          verb: RR_VERBS.submit,
          inputs: { rr_involved: 'no' },
        },
      );
      await j.botCard((c) => textOf(c).includes(REF) && textOf(c).includes('2 of 2 answered'), {
        since,
        kinds: ['updateMessage'],
      });
    });
    await j.step('the chair records the decision; the recommendation is routed to ILD', async () => {
      const since = j.mark();
      const fresh = await j.botCard(
        (c) => actionIn(c, RR_VERBS.decide) !== undefined || textOf(c).includes(REF),
        {
          since: 0,
        },
      );
      const decisionOn = actionIn(fresh.card, RR_VERBS.decide) ? fresh : trackerCopy;
      await j.press(decisionOn, RR_VERBS.decide, {
        rr_outcome: 'local-review',
        rr_learning: 'Information sharing between health and police.',
        rr_rec1_text: 'Briefing for practitioners on escalation.',
        rr_rec1_category: 'workforce-development',
      });
      await j.botCard((c) => /ILD/.test(textOf(c)) && /Accept/.test(textOf(c)), {
        since,
        kinds: ['createMessage'],
      });
    });
    await j.step('the chair creates an action for a CSPRG member', async () => {
      const since = j.mark();
      await j.say('new action');
      const form = await j.botCard((c) => actionIn(c, ACTION_VERBS.create) !== undefined, { since });
      await j.press(form, ACTION_VERBS.create, {
        title: `${REF}: update the multi-agency referral guidance`,
        description: 'Reflect the learning about escalation.',
        subgroupId: 'CSPRG',
        ownerId: 'designated-nurse',
        dueDate: '2026-03-04',
        caseReference: REF,
      });
    });
    await j.step('the chair books a CSPRG meeting (fake Graph): offers, pick, confirmation', async () => {
      const since = j.mark();
      await j.say('book meeting CSPRG');
      const form = await j.botCard((c) => actionIn(c, MEETING_VERBS.find) !== undefined, { since });
      await j.press(form, MEETING_VERBS.find);
      const offers = await j.botCard((c) => actionIn(c, MEETING_VERBS.pick) !== undefined, { since });
      await j.press(offers, MEETING_VERBS.pick);
      return j.botCard((c) => actionIn(c, MEETING_VERBS.cancel) !== undefined && /join/i.test(textOf(c)), {
        since,
        kinds: ['createMessage'],
      });
    });
    await j.step('the chair cancels the meeting', async () => {
      const confirmation = await j.botCard((c) => actionIn(c, MEETING_VERBS.cancel) !== undefined, {
        kinds: ['createMessage'],
      });
      const since = j.mark();
      const card = await j.press(confirmation, MEETING_VERBS.cancel);
      if (!/cancel/i.test(textOf(card)))
        throw new Error('the card does not say the meeting is being cancelled');
      await j.botCard(
        (c) => /cancelled/i.test(textOf(c)) && actionIn(c, MEETING_VERBS.cancel) === undefined,
        {
          since,
        },
      );
    });
    const advisor = config.users.find((u) => u.id === '29:education-advisor');
    if (!advisor) throw new Error('the Playground has no education-advisor user (PLAYGROUND_USERS)');
    const forumRef = 'FORUM-2026-03-11';
    await j.step('the advisor schedules a DSL forum and issues the opinion form', async () => {
      let since = j.mark();
      await j.sayAs(advisor, 'forum schedule 2026-03-11 Spring 2');
      await j.botMessage((text) => text.includes(forumRef), { since });
      since = j.mark();
      await j.sayAs(advisor, `forum issue ${forumRef}`);
      await j.botMessage((text) => /on its way|issued/i.test(text) && text.includes(forumRef), { since });
    });
    await j.step('a DSL without Teams answers through the emailed link (local outbox)', () =>
      answerByEmailedLink(session, (m) => m.subject.includes(forumRef) && m.to.startsWith('dsl-primary-1@'), {
        verb: FORUM_VERBS.answer,
        inputs: {
          successes: 'Early help panel works well.',
          issues: 'Waiting times for CAMHS referrals.',
          topics: 'Online safety',
          usefulness: '4',
          consent: 'false',
        },
      }),
    );
    await j.step('the advisor sees the report: one answer so far', async () => {
      const since = j.mark();
      await j.sayAs(advisor, `forum report ${forumRef}`);
      await j.botCard((c) => textOf(c).includes(forumRef) && /\b1 of \d+\b|1 answer/i.test(textOf(c)), {
        since,
      });
    });
  } finally {
    stream.close();
  }
  return j.steps;
}

async function sessionTwo(session: DevSession): Promise<Step[]> {
  const config = await session.client.config();
  const ids = { bot: config.bot.id, chat: config.personalChat.id, me: config.currentUser.id };
  const stream = await session.client.openStream();
  const j = new Journey(session.client, stream, ids);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // The web UI shows what arrives while it is open, so it opens before the sweep runs.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(session.client.base);
    await j.step('a week later the overdue action escalates to the chair', () =>
      // The sweep runs every minute: allow for a whole interval after the restart.
      j.botCard((c) => actionIn(c, ESCALATION_VERBS.chase) !== undefined, {
        kinds: ['createMessage'],
        timeoutMs: 100_000,
      }),
    );
    await j.step('the chair presses "Chase owner now" in the Playground web UI', async () => {
      const since = j.mark();
      const button = page.getByRole('button', { name: 'Chase owner now' }).last();
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await button.waitFor({ timeout: STEP_TIMEOUT }).catch(async (e: unknown) => {
        await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-failed.png') });
        throw e;
      });
      await button.click();
      await j.botCard((c) => /chased/i.test(textOf(c)), { since, kinds: ['updateMessage'] });
      await page.waitForTimeout(500);
      await page.screenshot({ path: SCREENSHOT });
    });
  } finally {
    await browser.close();
    stream.close();
  }
  return j.steps;
}

async function main(): Promise<number> {
  const started = Date.now();
  const result: Record<string, unknown> = { ok: false, steps: [] as Step[] };
  if (!loopbackOnly()) {
    result.error =
      "refusing to start the Playground with non-loopback networks: run inside unshare -n sh -c 'ip link set lo up; ...'";
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 1;
  }
  const base = { partnership: 'wakefield', timeoutMs: 90_000 };
  let session: DevSession | undefined;
  let work: string | undefined;
  try {
    session = await startDevSession({
      ...base,
      env: {
        PLAYGROUND_USER: CHAIR,
        PLAYGROUND_USERS: 'education-advisor',
        CLOCK_START: '2026-03-02T10:00:00Z',
      },
    });
    work = session.work;
    (result.steps as Step[]).push(...(await sessionOne(session, result)));
    await session.stop();
    session = await startDevSession({
      ...base,
      work,
      ports: session.ports,
      env: {
        PLAYGROUND_USER: CHAIR,
        PLAYGROUND_USERS: 'education-advisor',
        CLOCK_START: '2026-03-10T10:00:00Z',
      },
    });
    (result.steps as Step[]).push(...(await sessionTwo(session)));
    result.ok = true;
    result.screenshot = SCREENSHOT;
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
    if (session) process.stderr.write(`--- last lines of dev output ---\n${session.logTail(60)}\n`);
  } finally {
    await session?.stop();
    if (work) removeWork(work);
  }
  result.ms = Date.now() - started;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

withWebSocket(main);

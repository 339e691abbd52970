/**
 * End-to-end smoke test through the Microsoft 365 Agents Playground: starts
 * `scripts/dev.ts` (bot, workers, embedded database, a child redis-server and
 * the Playground) in a temporary directory, sends "help" in the personal chat
 * as the partnership's business unit manager and expects the help Adaptive
 * Card back. Prints one line of JSON to stdout (`{"ok":true|false,...}`, with the
 * reply it got) and exits 0 or 1. Every child runs in one process group,
 * which is always killed.
 *
 * The Playground probes non-loopback addresses even with telemetry off, so
 * this refuses to run unless the only network is loopback:
 *
 *   unshare -n sh -c 'ip link set lo up; exec npx tsx scripts/e2e/playground-smoke.ts'
 *
 * Environment: PARTNERSHIP (a preset name or a file; default wakefield), SMOKE_TIMEOUT_MS (default 90000).
 */
import { loadPartnershipFile } from '../../config/partnership/load';
import { ADAPTIVE_CARD, type StreamMessage } from '../playground/client';
import { playgroundObjectId } from '../playground/identity';
import { loopbackOnly, removeWork, startDevSession, withWebSocket } from './dev-session';

interface SmokeResult {
  ok: boolean;
  partnership: string;
  user?: string;
  aadObjectId?: string;
  sent?: string;
  reply?: { kind: 'adaptiveCard' | 'text' | 'other'; text: string; contentTypes: string[] };
  error?: string;
  ms: number;
}

const CARD_TEXT_KEYS = new Set(['text', 'title', 'value', 'label', 'placeholder', 'altText']);

/** The words a reader sees in an Adaptive Card body (TextBlock text, FactSet titles and values, ...). */
function cardStrings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => cardStrings(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== 'string') cardStrings(value, out);
      else if (CARD_TEXT_KEYS.has(key)) out.push(value);
    }
  }
  return out;
}

function describeReply(message: StreamMessage): NonNullable<SmokeResult['reply']> {
  const contentTypes = message.attachments.map((a) => a.contentType);
  const card = message.attachments.find((a) => a.contentType === ADAPTIVE_CARD);
  if (card) {
    const content = card.content;
    const body = content && typeof content === 'object' && 'body' in content ? content.body : content;
    return { kind: 'adaptiveCard', text: cardStrings(body).join(' | '), contentTypes };
  }
  if (message.attachments.length === 0) return { kind: 'text', text: message.text ?? '', contentTypes };
  return { kind: 'other', text: message.text ?? '', contentTypes };
}

async function run(result: SmokeResult, started: number, timeoutMs: number): Promise<void> {
  const partnershipArg = result.partnership;
  const partnership = loadPartnershipFile(partnershipArg);
  result.partnership = partnership.id;
  const manager = partnership.people.find((p) => p.roles.includes('business-unit-manager'));
  if (!manager) throw new Error(`${partnership.id} has no business unit manager`);
  result.user = manager.id;
  result.aadObjectId = playgroundObjectId(partnership.id, manager.id);

  const session = await startDevSession({ partnership: partnershipArg, timeoutMs });
  const left = () => Math.max(1000, timeoutMs - (Date.now() - started));
  const stopSignals = () => void session.stop().then(() => process.exit(1));
  process.once('SIGINT', stopSignals);
  process.once('SIGTERM', stopSignals);
  try {
    const client = session.client;
    const config = await client.config();
    if (config.currentUser.aadObjectId !== result.aadObjectId) {
      throw new Error(`Playground current user is ${config.currentUser.id}, not ${manager.id}`);
    }
    const stream = await client.openStream();
    try {
      result.sent = 'help';
      await client.sendMessage(config.personalChat.id, config.currentUser.id, 'help');
      const event = await stream.waitFor(
        (e) =>
          e.action === 'createMessage' &&
          e.message.from.id === config.bot.id &&
          e.actionConversationId === config.personalChat.id,
        left(),
      );
      if (event.action === 'typing') throw new Error('unexpected typing event');
      result.reply = describeReply(event.message);
    } finally {
      stream.close();
    }
    if (result.reply.kind !== 'adaptiveCard') {
      throw new Error(`expected an Adaptive Card, got ${result.reply.kind}: ${result.reply.text}`);
    }
    if (!/\bhelp\b/i.test(result.reply.text)) throw new Error('the card does not mention "help"');
    result.ok = true;
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`--- last lines of dev output ---\n${session.logTail()}\n`);
  } finally {
    await session.stop();
    removeWork(session.work);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const result: SmokeResult = { ok: false, partnership: process.env.PARTNERSHIP || 'wakefield', ms: 0 };
  if (!loopbackOnly()) {
    result.error =
      "refusing to start the Playground with non-loopback networks: run inside unshare -n sh -c 'ip link set lo up; ...'";
  } else {
    try {
      await run(result, started, Number(process.env.SMOKE_TIMEOUT_MS) || 90_000);
    } catch (e) {
      result.error = e instanceof Error ? e.message : String(e);
    }
  }
  result.ms = Date.now() - started;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

withWebSocket(main);

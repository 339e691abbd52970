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
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, symlinkSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadPartnershipFile } from '../../config/partnership/load';
import { PlaygroundClient, ADAPTIVE_CARD, type StreamMessage } from '../playground/client';
import { playgroundObjectId } from '../playground/identity';

const REPO = path.resolve(__dirname, '..', '..');

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

function loopbackOnly(): boolean {
  return Object.values(os.networkInterfaces()).every((addrs) => (addrs ?? []).every((a) => a.internal));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
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

/** Stops the dev process group: SIGTERM (dev shuts down cleanly and stops its children), then SIGKILL. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    if (!signalGroup(0)) return;
  }
  signalGroup('SIGKILL');
}

async function run(result: SmokeResult, started: number, timeoutMs: number): Promise<void> {
  const partnershipArg = result.partnership;
  const partnership = loadPartnershipFile(partnershipArg);
  result.partnership = partnership.id;
  const manager = partnership.people.find((p) => p.roles.includes('business-unit-manager'));
  if (!manager) throw new Error(`${partnership.id} has no business unit manager`);
  result.user = manager.id;
  result.aadObjectId = playgroundObjectId(partnership.id, manager.id);

  const work = mkdtempSync(path.join(os.tmpdir(), 'masa-playground-smoke-'));
  // dev.ts resolves node_modules/.bin/agentsplayground, .data and the config file from its cwd.
  symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const devLog = path.join(work, 'dev.log');
  const [botPort, playgroundPort] = [await freePort(), await freePort()];

  const env: Record<string, string | undefined> = {
    ...process.env,
    PLAYGROUND: 'true',
    PORT: String(botPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${botPort}`,
    PARTNERSHIP: partnershipArg,
    EMBEDDED_DB_DIR: path.join(work, 'pglite'),
    TEAMSAPPTESTER_PORT: String(playgroundPort),
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(work, 'playground.log'),
  };
  for (const key of [
    'REDIS_URL',
    'DATABASE_URL',
    'PLAYGROUND_USER',
    'PLAYGROUND_USERS',
    'PLAYGROUND_CHANNEL',
  ]) {
    delete env[key];
  }
  const dev = spawn(
    path.join(REPO, 'node_modules', '.bin', 'tsx'),
    ['--tsconfig', path.join(REPO, 'tsconfig.json'), path.join(REPO, 'scripts', 'dev.ts')],
    { cwd: work, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(devLog);
  dev.stdout?.pipe(log, { end: false });
  dev.stderr?.pipe(log, { end: false });
  let devExit: string | undefined;
  dev.once('exit', (code, signal) => (devExit = `dev exited early (code ${code}, signal ${signal})`));

  const stopSignals = () => void stopGroup(dev).then(() => process.exit(1));
  process.once('SIGINT', stopSignals);
  process.once('SIGTERM', stopSignals);

  const left = () => Math.max(1000, timeoutMs - (Date.now() - started));
  try {
    const client = new PlaygroundClient(`http://127.0.0.1:${playgroundPort}`);
    const up = Date.now() + left();
    while (!(await client.ping())) {
      if (devExit) throw new Error(devExit);
      if (Date.now() > up) throw new Error('the Playground did not start in time');
      await new Promise((r) => setTimeout(r, 250));
    }
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
    const tail = existsSync(devLog) ? readFileSync(devLog, 'utf8').split('\n').slice(-40).join('\n') : '';
    process.stderr.write(`--- last lines of dev output ---\n${tail}\n`);
  } finally {
    await stopGroup(dev);
    log.end();
    rmSync(work, { recursive: true, force: true });
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

if (typeof globalThis.WebSocket === 'undefined') {
  // Node 20 has a WebSocket client only behind a flag: run this file again with it.
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--experimental-websocket', ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  void main().then((code) => process.exit(code));
}

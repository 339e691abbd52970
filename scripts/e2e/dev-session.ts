/**
 * Runs `scripts/dev.ts` (bot, workers, embedded database, a child
 * redis-server and the Agents Playground) in a working directory, in its own
 * process group, for the Playground end-to-end scripts. Restartable on the
 * same directory (the embedded database persists), e.g. with a later
 * CLOCK_START to let time pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PlaygroundClient } from '../playground/client';

const REPO = path.resolve(__dirname, '..', '..');

export function loopbackOnly(): boolean {
  return Object.values(os.networkInterfaces()).every((addrs) => (addrs ?? []).every((a) => a.internal));
}

export function freePort(): Promise<number> {
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

/** Stops a process group: SIGTERM (dev shuts down cleanly and stops its children), then SIGKILL. */
export async function stopGroup(child: ChildProcess): Promise<void> {
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

export interface DevSession {
  client: PlaygroundClient;
  work: string;
  ports: { bot: number; playground: number };
  /** The last lines of the dev output, for diagnosis. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface DevSessionOptions {
  partnership: string;
  /** Reuse a directory from an earlier session (its embedded database); default: a new temporary one. */
  work?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Reuse an earlier session's ports: stored conversation references point at the Playground's address. */
  ports?: { bot: number; playground: number };
}

export async function startDevSession(opts: DevSessionOptions): Promise<DevSession> {
  const work = opts.work ?? mkdtempSync(path.join(os.tmpdir(), 'masa-playground-'));
  // dev.ts resolves node_modules/.bin/agentsplayground, .data and the config file from its cwd.
  if (!existsSync(path.join(work, 'node_modules')))
    symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const devLog = path.join(work, 'dev.log');
  const botPort = opts.ports?.bot ?? (await freePort());
  const playgroundPort = opts.ports?.playground ?? (await freePort());
  const env: Record<string, string | undefined> = {
    ...process.env,
    PLAYGROUND: 'true',
    PORT: String(botPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${botPort}`,
    PARTNERSHIP: opts.partnership,
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
  ])
    delete env[key];
  Object.assign(env, opts.env ?? {});
  const dev = spawn(
    path.join(REPO, 'node_modules', '.bin', 'tsx'),
    ['--tsconfig', path.join(REPO, 'tsconfig.json'), path.join(REPO, 'scripts', 'dev.ts')],
    { cwd: work, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(devLog, { flags: 'a' });
  dev.stdout?.pipe(log, { end: false });
  dev.stderr?.pipe(log, { end: false });
  let devExit: string | undefined;
  dev.once('exit', (code, signal) => (devExit = `dev exited early (code ${code}, signal ${signal})`));

  const session: DevSession = {
    client: new PlaygroundClient(`http://127.0.0.1:${playgroundPort}`),
    work,
    ports: { bot: botPort, playground: playgroundPort },
    logTail: (lines = 40) =>
      existsSync(devLog) ? readFileSync(devLog, 'utf8').split('\n').slice(-lines).join('\n') : '',
    async stop() {
      await stopGroup(dev);
      log.end();
    },
  };
  const up = Date.now() + opts.timeoutMs;
  while (!(await session.client.ping())) {
    if (devExit) {
      await session.stop();
      throw new Error(`${devExit}\n${session.logTail()}`);
    }
    if (Date.now() > up) {
      await session.stop();
      throw new Error(`the Playground did not start in time\n${session.logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return session;
}

export function removeWork(work: string): void {
  rmSync(work, { recursive: true, force: true });
}

/** Node 20 has a WebSocket client only behind a flag: runs the script again with it when needed. */
export function withWebSocket(main: () => Promise<number>): void {
  if (typeof globalThis.WebSocket === 'undefined') {
    const child = spawn(
      process.execPath,
      [...process.execArgv, '--experimental-websocket', ...process.argv.slice(1)],
      { stdio: 'inherit' },
    );
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => process.exit(code ?? 1));
  } else {
    void main().then((code) => process.exit(code));
  }
}

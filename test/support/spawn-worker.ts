import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestRuntime } from './runtime';
import { TEST_REDIS_URL } from './redis';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts test/support/worker-child.ts as a process of its own on the test's database schema and
 * queue prefix (for tests that kill a worker mid-job); resolves once its workers are listening.
 */
export function spawnWorkerProcess(t: TestRuntime, env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['-r', 'tsx/cjs', 'test/support/worker-child.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: t.schema.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.rt.env.QUEUE_PREFIX,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(proc);
    });
    proc.once('exit', (code) => reject(new Error(`worker child exited ${code}: ${err}`)));
  });
}

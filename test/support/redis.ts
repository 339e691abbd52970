import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { withTimeout } from '../../core/runtime/with-timeout';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix no other test uses, so parallel test files never see each other's jobs. */
export function uniquePrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

/**
 * Deletes a test's queue keys (jobs, events, schedulers), so the shared Redis does not fill up run after run.
 * Best effort: a test that stopped its Redis, or one that no longer answers, has nothing to clean.
 */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  if (redis.status !== 'ready') return;
  const work = (async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  })();
  await withTimeout(work, 5000, 'test Redis clean-up').catch(() => undefined);
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

/** A throwaway redis-server this test may stop, to see how the product behaves without Redis. */
export async function startOwnRedis(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    // disconnectTimeout 0: a refused probe's socket is already closed, and ioredis would otherwise keep a
    // 2 s timer waiting for a 'close' that has been and gone (an open handle at the end of a short test).
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      disconnectTimeout: 0,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

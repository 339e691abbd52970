import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Redis from 'ioredis';

export interface LocalRedis {
  url: string;
  /** Set when this process started its own redis-server. */
  child?: ChildProcess;
}

async function responds(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
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

/**
 * REDIS_URL if given; else the Redis on 127.0.0.1:6379 if it answers; else a
 * child redis-server on a free port with its data under `.data/redis`.
 */
export async function resolveLocalRedis(
  configured: string | undefined,
  dataDir: string,
): Promise<LocalRedis> {
  if (configured) return { url: configured };
  const conventional = 'redis://127.0.0.1:6379';
  if (await responds(conventional)) return { url: conventional };
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'No Redis is running on 127.0.0.1:6379 and redis-server is not installed. Install it with: apt-get install redis-server (or set REDIS_URL).',
    );
  }
  const port = await freePort();
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await responds(url)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`redis-server did not start on port ${port}`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv } from '../config/env';
import { runMain } from '../core/runtime/main';
import { openRuntime } from '../core/runtime/open';
import { onShutdown } from '../core/runtime/shutdown';
import { startBot } from '../bot/start';
import { startWorkerProcess } from '../workers/start';
import { resolveLocalRedis } from './dev/local-redis';
import { playgroundConfigYaml } from './playground/config';
import { partnershipWithLocalObjectIds } from './dev/local-partnership';

/**
 * `npm run dev`: the embedded database (unless DATABASE_URL is set), a Redis
 * (configured, local, or a child redis-server), bot and workers in one process,
 * and the Microsoft 365 Agents Playground pointed at the bot.
 */
// Without a Graph application, meetings are booked against the built-in fake Graph (GRAPH_FAKE=false to
// opt out). Set before runMain, which parses the environment once.
if (process.env.GRAPH_FAKE === undefined && !process.env.GRAPH_CLIENT_ID) process.env.GRAPH_FAKE = 'true';

runMain(async () => {
  const env = loadEnv();
  const redis = await resolveLocalRedis(env.REDIS_URL, '.data');
  const partnershipFile = partnershipWithLocalObjectIds(env.PARTNERSHIP, '.data');
  const rt = await openRuntime({ ...env, PARTNERSHIP: partnershipFile }, redis.url, 'dev');
  const bot = await startBot(rt);
  const workers = await startWorkerProcess(rt);

  const children: ChildProcess[] = redis.child ? [redis.child] : [];
  if (process.env.PLAYGROUND !== 'false') {
    const configFile = path.resolve('.m365agentsplayground.yml');
    writeFileSync(configFile, playgroundConfigYaml(rt.partnership));
    const playground = spawn(
      path.resolve('node_modules/.bin/agentsplayground'),
      ['-e', `http://127.0.0.1:${bot.port}/api/messages`, '-c', 'msteams', '--disable-telemetry'],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE:
            process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? path.resolve('.data/playground.log'),
        },
      },
    );
    children.push(playground);
    const port = process.env.TEAMSAPPTESTER_PORT ?? '56150';
    rt.logger.info({ url: `http://127.0.0.1:${port}` }, 'Agents Playground starting');
  }

  onShutdown(rt.logger, [
    bot.close,
    workers.close,
    rt.close,
    async () => {
      for (const child of children) child.kill('SIGTERM');
    },
  ]);
});

/**
 * A worker process of its own, for tests that kill one mid-job. Environment as
 * for `npm run start:workers`; prints "ready" once its workers are listening.
 */
import { loadEnv } from '../../config/env';
import { openRuntime } from '../../core/runtime/open';
import { startWorkerProcess } from '../../workers/start';

async function main(): Promise<void> {
  const env = loadEnv();
  const rt = await openRuntime(env, process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'test-worker');
  await startWorkerProcess(rt);
  process.stdout.write('ready\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

import { runMain } from '../core/runtime/main';
import { openRuntime } from '../core/runtime/open';
import { onShutdown } from '../core/runtime/shutdown';
import { redisUrlFrom } from '../config/redis-url';
import { startWorkerProcess } from './start';

runMain(async (env) => {
  const rt = await openRuntime(env, redisUrlFrom(env), 'workers');
  const workers = await startWorkerProcess(rt);
  onShutdown(rt.logger, [workers.close, rt.close]);
});

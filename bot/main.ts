import { runMain } from '../core/runtime/main';
import { openRuntime } from '../core/runtime/open';
import { onShutdown } from '../core/runtime/shutdown';
import { redisUrlFrom } from '../config/redis-url';
import { startBot } from './start';

runMain(async (env) => {
  const rt = await openRuntime(env, redisUrlFrom(env), 'bot');
  const bot = await startBot(rt);
  onShutdown(rt.logger, [bot.close, rt.close]);
});

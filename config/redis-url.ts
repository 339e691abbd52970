import type { Env } from './env';

/** The Redis to use when none is configured: the conventional local one. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function redisUrlFrom(env: Env): string {
  return env.REDIS_URL ?? DEFAULT_REDIS_URL;
}

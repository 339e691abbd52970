import type { Redis } from '../runtime/redis';
import type { TeamsSender } from './ports';

// One slot every `interval` ms for the whole app, reserved atomically in Redis (by Redis's own clock,
// so worker processes on different machines agree). Returns how long the caller waits for its slot.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + interval)
redis.call('SET', KEYS[1], slot, 'PX', 60000)
return slot - now
`;

/**
 * Paces every Teams call of the app to `rps` across all worker processes: each call reserves the
 * next free slot and waits for it in-process. Unlike fixed windows, a slot nobody was ready for
 * is not lost while others wait, and calls never bunch up over the limit.
 */
export class AppPacer {
  private readonly intervalMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    rps: number,
  ) {
    this.intervalMs = 1000 / rps;
  }

  /** Milliseconds until this call's slot (already reserved). */
  async reserve(): Promise<number> {
    return Number(await this.redis.eval(SCRIPT, 1, this.key, String(this.intervalMs)));
  }

  async acquire(): Promise<void> {
    const wait = await this.reserve();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A TeamsSender whose every send and update waits for its slot in the app-wide pace. */
export function pacedTeamsSender(inner: TeamsSender, pacer: AppPacer): TeamsSender {
  return {
    async send(ref, message) {
      await pacer.acquire();
      return inner.send(ref, message);
    },
    async update(ref, activityId, card) {
      await pacer.acquire();
      return inner.update(ref, activityId, card);
    },
  };
}

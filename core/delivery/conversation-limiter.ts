import type { Redis } from '../runtime/redis';
import type { RateWindow } from '../../config/teams-limits';

// Sliding windows kept as one sorted set per conversation, checked and recorded
// atomically so every worker process shares the same budget.
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local member = ARGV[2]
local longest = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - longest)
local wait = 0
for i = 4, #ARGV, 2 do
  local window = tonumber(ARGV[i])
  local max = tonumber(ARGV[i + 1])
  local count = redis.call('ZCOUNT', key, now - window + 1, '+inf')
  if count >= max then
    local oldest = redis.call('ZRANGEBYSCORE', key, now - window + 1, '+inf', 'WITHSCORES', 'LIMIT', count - max, 1)
    local until_free = tonumber(oldest[2]) + window - now
    if until_free > wait then wait = until_free end
  end
end
if wait == 0 then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, longest)
end
return wait
`;

export class ConversationLimiter {
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windows: readonly RateWindow[],
  ) {}

  /** Takes a slot for one message to the conversation: 0 if sent now, else how many ms to wait. */
  async acquire(conversationId: string, now = Date.now()): Promise<number> {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    const member = `${now}:${process.pid}:${this.seq++}`;
    const args = [
      String(now),
      member,
      String(longest),
      ...this.windows.flatMap((w) => [String(w.ms), String(w.max)]),
    ];
    const wait = await this.redis.eval(SCRIPT, 1, `${this.prefix}:convlimit:${conversationId}`, ...args);
    return Number(wait);
  }
}

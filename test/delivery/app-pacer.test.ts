import { AppPacer } from '../../core/delivery/app-pacer';
import { createRedis, type Redis } from '../../core/runtime/redis';
import { TEST_REDIS_URL, uniquePrefix } from '../support/redis';

describe('the app-wide Teams pace, shared through Redis', () => {
  let a: Redis;
  let b: Redis;
  const key = `${uniquePrefix()}:teams-pace`;

  beforeAll(() => {
    a = createRedis(TEST_REDIS_URL);
    b = createRedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await a.del(key);
    a.disconnect();
    b.disconnect();
  });

  it('gives two processes one chain of slots exactly 1/rps apart', async () => {
    // Two "worker processes" (own connections) reserving at once at 50 a second.
    const redisNow = async () => {
      const [seconds, micros] = (await a.time()).map(Number) as [number, number];
      return seconds * 1000 + Math.floor(micros / 1000);
    };
    const pacers = [new AppPacer(a, key, 50), new AppPacer(b, key, 50)];
    const started = await redisNow();
    const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => pacers[i % 2]!.reserve()));
    const last = Number(await a.get(key));
    // 40 slots at least 20 ms apart: the last is 780 ms or more after the first, however fast they asked.
    expect(last - started).toBeGreaterThanOrEqual(780);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(400);
    expect(new Set(waits).size).toBe(40);
  });
});

import { limiterFor } from '../../workers/run';

describe('the app-wide Teams rate as BullMQ limiter windows', () => {
  it.each([
    [50, { max: 5, duration: 100 }],
    [15, { max: 3, duration: 200 }],
    [13, { max: 13, duration: 1000 }],
    [1, { max: 1, duration: 1000 }],
    [200, { max: 20, duration: 100 }],
  ])('%i a second keeps the exact rate in small windows', (rps, expected) => {
    const limiter = limiterFor(rps);
    expect(limiter).toEqual(expected);
    expect((limiter.max * 1000) / limiter.duration).toBe(rps);
  });
});

import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../core/db/connect';
import { createLogger } from '../../core/logger';
import { startRefreshDrain } from '../../core/rapid-review/refresh-drain';
import { drainCardRefreshes, markCardsStale } from '../../core/rapid-review/refresh';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { CARD_REFRESH_BATCH, jobCatalog, type JobPayload } from '../../workers/catalog';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';
import { waitUntil } from '../support/wait';

type RefreshPayload = JobPayload<'rapid-review-refresh'>;
type DrainServices = Pick<Services, 'db' | 'queues' | 'partnership'>;

const OTHER_PARTNERSHIP = 'another-partnership';

describe('Rapid Review card-refresh marks, drained into refresh jobs (real PostgreSQL and Redis)', () => {
  let t: TestRuntime;
  let queues: Queues;
  let s: DrainServices;

  beforeAll(async () => {
    t = await openTestRuntime();
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterEach(async () => {
    await s.db.deleteFrom('rapid_review_card_refreshes').execute();
    await queues.queue('rapid-review').obliterate({ force: true });
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  const mark = (reviewId: string, requestId?: string, partnershipId = s.partnership.id) =>
    markCardsStale(s.db, partnershipId, reviewId, requestId);

  const marksLeft = async (partnershipId = s.partnership.id) =>
    (
      await s.db
        .selectFrom('rapid_review_card_refreshes')
        .select(['rapid_review_id', 'request_id'])
        .where('partnership_id', '=', partnershipId)
        .orderBy('id')
        .execute()
    ).map((r) => ({ reviewId: r.rapid_review_id, requestId: r.request_id }));

  const refreshJobs = async (): Promise<RefreshPayload[]> => {
    const jobs = await queues
      .queue('rapid-review')
      .getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']);
    return jobs
      .filter((j) => j.name === 'rapid-review-refresh')
      .map((j) => jobCatalog['rapid-review-refresh'].payload.parse(j.data));
  };

  /** Every request id named by the jobs, in order (duplicates kept, so a mark taken twice shows). */
  const requestIdsOf = (jobs: RefreshPayload[]) => jobs.flatMap((j) => j.requestIds).sort();

  /** `n` marks, each for its own request, spread over `reviews`. */
  const manyMarks = async (n: number, reviews: string[]): Promise<string[]> => {
    const requests = Array.from({ length: n }, () => randomUUID());
    await s.db
      .insertInto('rapid_review_card_refreshes')
      .values(
        requests.map((requestId, i) => ({
          partnership_id: s.partnership.id,
          rapid_review_id: reviews[i % reviews.length]!,
          request_id: requestId,
        })),
      )
      .execute();
    return requests.sort();
  };

  /** A Queues whose write to Redis waits until the test lets it through. */
  const gatedQueues = () => {
    let entered!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (release = r));
    const gated: Queues = {
      ...queues,
      async enqueueMany(name, jobs) {
        entered();
        await gate;
        return queues.enqueueMany(name, jobs);
      },
    };
    return { queues: gated, reached, release };
  };

  it('turns the marks of several requests into one job per review, each request named once', async () => {
    const [reviewA, reviewB, trackerOnly] = [randomUUID(), randomUUID(), randomUUID()];
    const [a1, a2, b1, b2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await mark(reviewA, a1);
    await mark(reviewB, b1);
    await mark(reviewA, a2);
    await mark(reviewA, a1);
    await mark(reviewA);
    await mark(reviewB, b2);
    await mark(reviewB, b1);
    await mark(trackerOnly);
    expect(await marksLeft()).toHaveLength(8);

    expect(await drainCardRefreshes(s)).toBe(8);

    const jobs = await refreshJobs();
    expect(jobs).toHaveLength(3);
    const byReview = new Map(jobs.map((j) => [j.rapidReviewId, [...j.requestIds].sort()]));
    expect(byReview).toEqual(
      new Map([
        [reviewA, [a1, a2].sort()],
        [reviewB, [b1, b2].sort()],
        [trackerOnly, []],
      ]),
    );
    expect(await marksLeft()).toEqual([]);
    expect(await drainCardRefreshes(s)).toBe(0);
    expect(await refreshJobs()).toHaveLength(3);
  });

  it('queues the jobs with the catalog retry policy', async () => {
    const review = randomUUID();
    await mark(review, randomUUID());
    await drainCardRefreshes(s);
    const [job, ...rest] = await queues.queue('rapid-review').getJobs(['waiting']);
    expect(rest).toEqual([]);
    expect(job!.name).toBe('rapid-review-refresh');
    expect(job!.opts.attempts).toBe(jobCatalog['rapid-review-refresh'].attempts);
  });

  it("leaves another partnership's marks alone", async () => {
    const ours = randomUUID();
    const theirs = randomUUID();
    const theirRequest = randomUUID();
    await mark(theirs, theirRequest, OTHER_PARTNERSHIP);
    await mark(ours);
    await mark(theirs, undefined, OTHER_PARTNERSHIP);

    expect(await drainCardRefreshes(s)).toBe(1);

    expect(await refreshJobs()).toEqual([{ rapidReviewId: ours, requestIds: [] }]);
    expect(await marksLeft()).toEqual([]);
    expect(await marksLeft(OTHER_PARTNERSHIP)).toEqual([
      { reviewId: theirs, requestId: theirRequest },
      { reviewId: theirs, requestId: null },
    ]);
  });

  it('keeps every mark when the write to Redis fails, for a later round to take', async () => {
    const review = randomUUID();
    const requests = [randomUUID(), randomUUID()];
    for (const r of requests) await mark(review, r);
    await mark(review);
    const before = await marksLeft();
    const failing: Queues = {
      ...queues,
      enqueueMany: () => Promise.reject(new Error('Redis unavailable')),
    };

    await expect(drainCardRefreshes({ ...s, queues: failing })).rejects.toThrow('Redis unavailable');
    expect(await marksLeft()).toEqual(before);
    expect(await refreshJobs()).toEqual([]);

    expect(await drainCardRefreshes(s)).toBe(3);
    const jobs = await refreshJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.rapidReviewId).toBe(review);
    expect([...jobs[0]!.requestIds].sort()).toEqual([...requests].sort());
    expect(await marksLeft()).toEqual([]);
  });

  it('gives up on a Redis that never answers, releasing the marks for a later round', async () => {
    const review = randomUUID();
    await mark(review, randomUUID());
    const before = await marksLeft();
    const hanging: Queues = { ...queues, enqueueMany: () => new Promise<number>(() => undefined) };

    await expect(drainCardRefreshes({ ...s, queues: hanging }, { enqueueTimeoutMs: 50 })).rejects.toThrow(
      'queueing card refreshes timed out after 50 ms',
    );
    // Rolled back and unlocked: a drain with a working Redis takes them at once.
    expect(await marksLeft()).toEqual(before);
    expect(await drainCardRefreshes(s)).toBe(1);
    expect((await refreshJobs()).map((j) => j.rapidReviewId)).toEqual([review]);
  });

  it('drops a mark no job could carry (ids written by hand) with a warning, and drains the rest', async () => {
    const review = randomUUID();
    const request = randomUUID();
    await mark('not-a-uuid', randomUUID());
    await mark(review, 'also-not-a-uuid');
    await mark(review, request);
    const warnings: unknown[] = [];

    expect(await drainCardRefreshes(s, { logger: { warn: (o: unknown) => warnings.push(o) } })).toBe(3);
    expect(await refreshJobs()).toEqual([{ rapidReviewId: review, requestIds: [request] }]);
    expect(warnings).toEqual([{ dropped: 2 }]);
    expect(await marksLeft()).toEqual([]);
  });

  it('never lets two drains take the same mark: the second skips the rows the first holds', async () => {
    const requests = await manyMarks(CARD_REFRESH_BATCH + 120, [randomUUID(), randomUUID(), randomUUID()]);
    const first = gatedQueues();
    // The second drain's own pool gives up on a row lock instead of waiting: waiting at all is the fault.
    const url = new URL(t.schema.url);
    url.searchParams.set('options', `-c search_path=${t.schema.name} -c lock_timeout=5000`);
    const impatient = await openDatabase({ kind: 'postgres', url: url.toString() });

    const firstDrain = drainCardRefreshes({ ...s, queues: first.queues });
    let second: number;
    try {
      // The first drain has deleted (and so locked) its batch and now waits on Redis inside its transaction.
      await first.reached;
      second = await drainCardRefreshes({ ...s, db: impatient.db });
    } finally {
      first.release();
      await impatient.close();
    }
    const firstTook = await firstDrain;

    expect(firstTook).toBe(CARD_REFRESH_BATCH);
    expect(second).toBe(120);
    expect(requestIdsOf(await refreshJobs())).toEqual(requests);
    expect(await marksLeft()).toEqual([]);
  });

  it('shares the marks out among drains running at once, each mark to exactly one job', async () => {
    const requests = await manyMarks(CARD_REFRESH_BATCH * 3 + 37, [randomUUID(), randomUUID()]);
    const drainAll = async () => {
      let total = 0;
      for (let n = await drainCardRefreshes(s); n > 0; n = await drainCardRefreshes(s)) total += n;
      return total;
    };

    const taken = await Promise.all([drainAll(), drainAll(), drainAll(), drainAll()]);

    expect(taken.reduce((a, b) => a + b, 0)).toBe(requests.length);
    const jobs = await refreshJobs();
    expect(requestIdsOf(jobs)).toEqual(requests);
    for (const job of jobs) expect(new Set(job.requestIds).size).toBe(job.requestIds.length);
    expect(await marksLeft()).toEqual([]);
  });

  it(`drains more than ${CARD_REFRESH_BATCH} marks in rounds of at most ${CARD_REFRESH_BATCH}`, async () => {
    const reviews = [randomUUID(), randomUUID()];
    const requests = await manyMarks(CARD_REFRESH_BATCH * 2 + 201, reviews);
    await mark(reviews[0]!);

    const rounds: number[] = [];
    for (let n = await drainCardRefreshes(s); n > 0; n = await drainCardRefreshes(s)) rounds.push(n);

    expect(rounds).toEqual([CARD_REFRESH_BATCH, CARD_REFRESH_BATCH, 202]);
    const jobs = await refreshJobs();
    expect(jobs).toHaveLength(rounds.length * reviews.length);
    for (const job of jobs) {
      expect(reviews).toContain(job.rapidReviewId);
      expect(job.requestIds.length).toBeLessThanOrEqual(CARD_REFRESH_BATCH);
    }
    expect(requestIdsOf(jobs)).toEqual(requests);
    expect(await marksLeft()).toEqual([]);
  });

  describe('startRefreshDrain', () => {
    const logger = createLogger('silent');

    /** Services whose every drain round is counted (a round reads `db` once, to open its transaction). */
    const counted = (base: DrainServices) => {
      const c = {
        rounds: 0,
        services: {
          partnership: base.partnership,
          queues: base.queues,
          get db() {
            c.rounds += 1;
            return base.db;
          },
        } satisfies DrainServices,
      };
      return c;
    };

    afterEach(() => jest.restoreAllMocks());

    /** After close(): no more rounds and a new mark stays, while a witness drain runs several rounds. */
    const expectStopped = async (c: ReturnType<typeof counted>) => {
      const roundsAtClose = c.rounds;
      const late = randomUUID();
      await mark(late);
      // Of another partnership, so it cannot take the mark: it measures time in rounds, not milliseconds.
      const witness = counted({ ...s, partnership: { ...s.partnership, id: OTHER_PARTNERSHIP } });
      const witnessDrain = startRefreshDrain(witness.services, logger, 20);
      try {
        await waitUntil(
          async () => witness.rounds,
          (n) => n >= 5,
        );
      } finally {
        await witnessDrain.close();
      }
      expect(c.rounds).toBe(roundsAtClose);
      expect(await marksLeft()).toEqual([{ reviewId: late, requestId: null }]);
    };

    it('picks up a mark written after it started, and after close() takes no more', async () => {
      const c = counted(s);
      const drain = startRefreshDrain(c.services, logger, 20);
      try {
        await waitUntil(
          async () => c.rounds,
          (n) => n >= 2,
        );
        const review = randomUUID();
        const request = randomUUID();
        await mark(review, request);
        await waitUntil(marksLeft, (m) => m.length === 0);
        expect(await refreshJobs()).toEqual([{ rapidReviewId: review, requestIds: [request] }]);
      } finally {
        await drain.close();
      }

      await expectStopped(c);
    });

    it('runs the next round at once while full batches come back', async () => {
      const requests = await manyMarks(CARD_REFRESH_BATCH * 2 + 3, [randomUUID()]);
      // The interval is far longer than waitUntil's limit: only the immediate rounds can finish in time.
      const drain = startRefreshDrain(s, logger, 60_000);
      try {
        await waitUntil(marksLeft, (m) => m.length === 0);
      } finally {
        await drain.close();
      }
      expect(requestIdsOf(await refreshJobs())).toEqual(requests);
    });

    it('logs a failed round and keeps going, backing off; the marks wait for the next round', async () => {
      const warn = jest.spyOn(logger, 'warn');
      let failures = 0;
      const flaky: Queues = {
        ...queues,
        async enqueueMany(name, jobs) {
          if (failures < 2) {
            failures += 1;
            throw new Error('Redis unavailable');
          }
          return queues.enqueueMany(name, jobs);
        },
      };
      const review = randomUUID();
      const request = randomUUID();
      await mark(review, request);

      const drain = startRefreshDrain({ ...s, queues: flaky }, logger, 20);
      try {
        await waitUntil(marksLeft, (m) => m.length === 0);
      } finally {
        await drain.close();
      }

      expect(failures).toBe(2);
      expect(warn).toHaveBeenCalledTimes(2);
      // Each failure waits twice as long as the last, up to 30 s.
      expect(warn.mock.calls).toEqual([
        [{ error: 'Redis unavailable', failures: 1, retryInMs: 40 }, 'card refresh drain failed'],
        [{ error: 'Redis unavailable', failures: 2, retryInMs: 80 }, 'card refresh drain failed'],
      ]);
      expect(await refreshJobs()).toEqual([{ rapidReviewId: review, requestIds: [request] }]);
    });

    it('close() waits for the round in flight to finish, and no round follows it', async () => {
      const gated = gatedQueues();
      const c = counted({ ...s, queues: gated.queues });
      const review = randomUUID();
      await mark(review);
      const drain = startRefreshDrain(c.services, logger, 20);
      await gated.reached;

      let closed = false;
      const closing = drain.close().then(() => (closed = true));
      await new Promise((r) => setImmediate(r));
      expect(closed).toBe(false);
      gated.release();
      await closing;

      expect(await marksLeft()).toEqual([]);
      expect(await refreshJobs()).toEqual([{ rapidReviewId: review, requestIds: [] }]);
      await expectStopped(c);
    });
  });
});

import type { Logger } from '../logger';
import type { Services } from '../services/services';
import { CARD_REFRESH_BATCH } from '../../workers/catalog';
import { drainCardRefreshes } from './refresh';

export interface RefreshDrain {
  close(): Promise<void>;
}

/** Rounds that keep failing (the database or Redis down) back off to this, instead of a warning every poll. */
const MAX_BACKOFF_MS = 30_000;

/**
 * In each worker process: drains the card-refresh marks every `intervalMs` (at once again while a full
 * batch came back), so a tracker shows an answer within a fraction of a second of it being stored.
 */
export function startRefreshDrain(
  s: Pick<Services, 'db' | 'queues' | 'partnership'>,
  logger: Logger,
  intervalMs: number,
): RefreshDrain {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let failures = 0;
  const round = async () => {
    let delay = intervalMs;
    try {
      if ((await drainCardRefreshes(s, { logger })) === CARD_REFRESH_BATCH) delay = 0;
      failures = 0;
    } catch (e) {
      failures++;
      delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures);
      logger.warn(
        { error: e instanceof Error ? e.message : String(e), failures, retryInMs: delay },
        'card refresh drain failed',
      );
    }
    if (!closed) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    running = round();
  };
  timer = setTimeout(tick, 0);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

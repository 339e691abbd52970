import type { Logger } from '../logger';

/** Runs the closers in order on SIGINT/SIGTERM, once; a second signal forces exit. */
export function onShutdown(logger: Logger, closers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const close of closers) {
      try {
        await close();
      } catch (e) {
        logger.error({ error: e instanceof Error ? e.message : String(e) }, 'error while shutting down');
      }
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

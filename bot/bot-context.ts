import type { Services } from '../core/services/services';

/** What every route needs: the core services (database, directory, calendar, queues, logger, clock). */
export type BotContext = Services;

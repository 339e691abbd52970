import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema';
import type { Directory } from '../core/directory/directory';
import type { Logger } from '../core/logger';

/** What every route needs: the database, the partnership's directory and a logger. */
export interface BotContext {
  db: Kysely<Database>;
  directory: Directory;
  logger: Logger;
}

import type { Kysely } from 'kysely';
import type { Partnership } from '../../config/partnership/schema';
import type { Queues } from '../../workers/queues';
import type { WorkingCalendar } from '../calendar';
import type { Database } from '../db/schema';
import type { Directory } from '../directory/directory';
import type { Logger } from '../logger';
import type { Clock } from './clock';

/**
 * What the domain code needs from its host process, the same in the bot and the
 * workers: storage, the partnership and its directory and calendar, the job
 * queues (to hand slow work on), a logger and the clock.
 */
export interface Services {
  db: Kysely<Database>;
  partnership: Partnership;
  directory: Directory;
  calendar: WorkingCalendar;
  queues: Queues;
  logger: Logger;
  now: Clock;
  /** For links the bot serves: its public address (no trailing slash) and the secret that signs them. */
  links: { publicBaseUrl: string; secret: string };
}

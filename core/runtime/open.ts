import path from 'node:path';
import type { Env } from '../../config/env';
import { loadPartnershipFile } from '../../config/partnership/load';
import type { Partnership } from '../../config/partnership/schema';
import { openDatabase, type DatabaseHandle } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { Directory } from '../directory/directory';
import { syncPeople } from '../directory/sync-people';
import { createLogger, type Logger } from '../logger';
import { createRedis, type Redis } from './redis';
import type { ReadinessCheck } from './readiness';
import { WorkingCalendar } from '../calendar';
import { clockFor, type Clock } from '../services/clock';

export interface Runtime {
  env: Env;
  logger: Logger;
  partnership: Partnership;
  directory: Directory;
  calendar: WorkingCalendar;
  now: Clock;
  database: DatabaseHandle;
  redis: Redis;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

/**
 * Everything both processes share: the partnership, the database (migrated,
 * people synced) and Redis. `redisUrl` is resolved by the caller (dev may start
 * its own redis-server).
 */
export async function openRuntime(env: Env, redisUrl: string, role: string): Promise<Runtime> {
  const logger = createLogger(env.LOG_LEVEL, { service: `masa-${role}` });
  const partnership = loadPartnershipFile(env.PARTNERSHIP);
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dir: path.resolve(env.EMBEDDED_DB_DIR) },
  );
  try {
    const { applied } = await migrateToLatest(database.db);
    const synced = await syncPeople(database.db, partnership);
    logger.info(
      { partnershipId: partnership.id, database: database.kind, migrations: applied.length, ...synced },
      'database ready',
    );
  } catch (e) {
    await database.close();
    throw e;
  }
  const redis = createRedis(redisUrl);
  redis.on('error', (err: Error) =>
    logger.warn({ code: 'REDIS_ERROR', message: err.message }, 'redis connection error'),
  );
  return {
    env,
    logger,
    partnership,
    directory: new Directory(partnership),
    calendar: WorkingCalendar.forPartnership(partnership),
    now: clockFor(env),
    database,
    redis,
    readiness: [
      { name: 'database', check: () => database.ping() },
      {
        name: 'redis',
        check: async () => {
          if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
        },
      },
    ],
    async close() {
      redis.disconnect();
      await database.close();
    },
  };
}

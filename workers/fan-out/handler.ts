import type { JobHandler } from '../handler';
import { announceAndQueue } from '../deliver/fan-out';

/** A recorded message goes out: progress card for a bulk send, then one deliver job per recipient. */
export const fanOut: JobHandler<'fan-out'> = (deps, { messageId }) =>
  announceAndQueue({ db: deps.db, queues: deps.queues, teams: deps.delivery.teams }, messageId);

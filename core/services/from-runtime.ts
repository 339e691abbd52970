import { formTokenSecret } from '../../config/env';
import type { Runtime } from '../runtime/open';
import type { Queues } from '../../workers/queues';
import type { Services } from './services';

export function servicesFrom(rt: Runtime, queues: Queues): Services {
  return {
    db: rt.database.db,
    partnership: rt.partnership,
    directory: rt.directory,
    calendar: rt.calendar,
    queues,
    logger: rt.logger,
    now: rt.now,
    links: { publicBaseUrl: rt.env.PUBLIC_BASE_URL.replace(/\/$/, ''), secret: formTokenSecret(rt.env) },
  };
}

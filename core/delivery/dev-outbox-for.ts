import { isLocalMode } from '../../config/env';
import type { Runtime } from '../runtime/open';
import { DevOutbox, devOutboxKey } from './dev-outbox';

/** The local outbox, when this is local mode on the fake Graph with no Graph application configured. */
export function devOutboxFor(rt: Runtime): DevOutbox | null {
  const { env } = rt;
  if (!isLocalMode(env) || !env.GRAPH_FAKE || env.GRAPH_CLIENT_ID) return null;
  return new DevOutbox(rt.redis, devOutboxKey(env.QUEUE_PREFIX));
}

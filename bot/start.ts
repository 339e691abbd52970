import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from './adapter';
import { MasaBot } from './masa-bot';
import { createHttpApp } from './http/server';
import type { Runtime } from '../core/runtime/open';
import { servicesFrom } from '../core/services/from-runtime';
import type { Services } from '../core/services/services';
import { createQueues } from '../workers/queues';
import { devOutboxFor } from '../core/delivery/dev-outbox-for';
import { formTokenSecret, isLocalMode } from '../config/env';

export interface RunningBot {
  server: Server;
  port: number;
  services: Services;
  close(): Promise<void>;
}

export async function startBot(rt: Runtime): Promise<RunningBot> {
  const adapter = createAdapter(rt.env, rt.logger);
  const queues = createQueues(rt.redis, rt.env.QUEUE_PREFIX);
  const services = servicesFrom(rt, queues);
  const bot = new MasaBot(services);
  const app = createHttpApp({
    adapter,
    bot,
    readiness: rt.readiness,
    logger: rt.logger,
    forms: { ...services, secret: formTokenSecret(rt.env) },
    devOutbox: devOutboxFor(rt) ?? undefined,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(rt.env.PORT, rt.env.HOST, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  rt.logger.info(
    { host: rt.env.HOST, port, partnershipId: rt.partnership.id, localMode: isLocalMode(rt.env) },
    'bot listening on /api/messages',
  );
  return {
    server,
    port,
    services,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queues.close();
    },
  };
}

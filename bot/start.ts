import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from './adapter';
import { MasaBot } from './masa-bot';
import { createHttpApp } from './http/server';
import type { Runtime } from '../core/runtime/open';
import { formTokenSecret, isLocalMode } from '../config/env';

export interface RunningBot {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startBot(rt: Runtime): Promise<RunningBot> {
  const adapter = createAdapter(rt.env, rt.logger);
  const bot = new MasaBot({ db: rt.database.db, directory: rt.directory, logger: rt.logger });
  const app = createHttpApp({
    adapter,
    bot,
    readiness: rt.readiness,
    logger: rt.logger,
    forms: {
      db: rt.database.db,
      directory: rt.directory,
      partnership: rt.partnership,
      secret: formTokenSecret(rt.env),
      logger: rt.logger,
    },
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

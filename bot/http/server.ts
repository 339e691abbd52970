import express, { type Express } from 'express';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import { checkReadiness, type ReadinessCheck } from '../../core/runtime/readiness';
import type { Logger } from '../../core/logger';
import { formsRouter, type FormsDeps } from './forms';
import { forumExportsRouter } from './forum-exports';
import { rapidReviewPacksRouter } from './rapid-review-packs';
import { devOutboxRouter } from './dev-outbox';
import type { DevOutbox } from '../../core/delivery/dev-outbox';

export interface HttpDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  readiness: ReadinessCheck[];
  logger: Logger;
  forms: FormsDeps;
  /** Local mode with the fake Graph: email kept for /dev/outbox instead of sent. */
  devOutbox?: DevOutbox;
}

/** The bot's HTTP surface: the Bot Framework endpoint and the health probes. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // First: every Teams turn comes here, so it does not walk the other routers.
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await deps.adapter.process(req, res, (turn) => deps.bot.run(turn));
  });
  // The form router parses its own (smaller) bodies and answers bad JSON itself.
  app.use(formsRouter(deps.forms));
  app.use(forumExportsRouter(deps.forms));
  app.use(rapidReviewPacksRouter(deps.forms));
  if (deps.devOutbox) app.use(devOutboxRouter(deps.devOutbox));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(deps.readiness);
    if (!report.ready) deps.logger.warn({ checks: report.checks }, 'not ready');
    res.status(report.ready ? 200 : 503).json(report);
  });

  return app;
}

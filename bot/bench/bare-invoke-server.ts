import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type AdaptiveCardInvokeResponse,
} from 'botbuilder';
import express from 'express';

/*
 * For npm run bench:card-actions: the baseline the bot's card actions are measured against. It lives in
 * bot/ because only bot/ may import the Bot Framework SDK.
 */

/** The baseline: a CloudAdapter in local mode and an ActivityHandler answering every invoke with one card. */
export async function startBareInvokeServer(): Promise<{ port: number; close(): Promise<void> }> {
  const options = {};
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      options,
      new ConfigurationServiceClientCredentialFactory(options),
    ),
  );
  const card = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Thank you: your answer has been submitted.', wrap: true }],
  };
  class Bare extends ActivityHandler {
    protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
    }
  }
  const bot = new Bare();
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (turn) => bot.run(turn));
  });
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

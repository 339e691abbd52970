import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Env } from '../config/env';
import type { Logger } from '../core/logger';
import { isAppError } from '../core/errors';

/**
 * The Bot Framework adapter, authenticated from the environment: single-tenant,
 * multi-tenant or user-assigned managed identity. With no app id it runs in
 * local mode (no token checks), which config/env.ts refuses in production.
 */
export function createAdapter(env: Env, logger: Logger): CloudAdapter {
  const options = {
    MicrosoftAppId: env.MICROSOFT_APP_ID,
    MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: env.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    options,
    new ConfigurationServiceClientCredentialFactory(options),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      {
        code: isAppError(error) ? error.code : 'UNHANDLED',
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: context.activity.type,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again in a moment.');
    }
  };
  return adapter;
}

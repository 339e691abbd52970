import { createAdapter } from '../bot/adapter';
import { teamsSender } from '../bot/proactive/teams-sender';
import { formTokenSecret } from '../config/env';
import { TEAMS_CONVERSATION_WINDOWS } from '../config/teams-limits';
import { ConversationLimiter } from '../core/delivery/conversation-limiter';
import { AppPacer, pacedTeamsSender } from '../core/delivery/app-pacer';
import { devOutboxFor } from '../core/delivery/dev-outbox-for';
import { formTokenFor } from '../core/forms/token';
import { GraphClient } from '../core/graph/client';
import { graphCredential } from '../core/graph/credential';
import { graphMailSender } from '../core/graph/mail';
import { meetingCalendarFromEnv } from '../core/graph/meeting-calendar';
import { graphTeamsInstaller } from '../core/graph/teams-install';
import type { Runtime } from '../core/runtime/open';
import type { DeliveryPorts } from './handler';

/** Builds Teams, Graph and form-link access from the environment and the partnership file. */
export function deliveryPorts(rt: Runtime): DeliveryPorts {
  const { env, partnership } = rt;
  const tenantId = partnership.microsoft.tenantId;
  const graph =
    env.GRAPH_CLIENT_ID && (env.GRAPH_CLIENT_SECRET || env.GRAPH_CLIENT_CERTIFICATE_PATH) && tenantId
      ? new GraphClient({
          tenantId,
          clientId: env.GRAPH_CLIENT_ID,
          clientSecret: env.GRAPH_CLIENT_SECRET,
          credential: env.GRAPH_CLIENT_CERTIFICATE_PATH
            ? graphCredential({
                tenantId,
                clientId: env.GRAPH_CLIENT_ID,
                certificatePath: env.GRAPH_CLIENT_CERTIFICATE_PATH,
                authorityUrl: env.GRAPH_AUTHORITY_URL,
              })
            : undefined,
          baseUrl: env.GRAPH_BASE_URL,
          authorityUrl: env.GRAPH_AUTHORITY_URL,
        })
      : null;
  const mailbox = partnership.microsoft.senderMailbox;
  return {
    teams: pacedTeamsSender(
      teamsSender(createAdapter(env, rt.logger), env.MICROSOFT_APP_ID ?? ''),
      new AppPacer(rt.redis, `${env.QUEUE_PREFIX}:teams-pace`, env.TEAMS_APP_RPS),
    ),
    installer:
      graph && tenantId && env.TEAMS_CATALOG_APP_ID && env.MICROSOFT_APP_ID
        ? graphTeamsInstaller(graph, {
            catalogAppId: env.TEAMS_CATALOG_APP_ID,
            botAppId: env.MICROSOFT_APP_ID,
            tenantId,
            serviceUrl: env.TEAMS_SERVICE_URL,
          })
        : null,
    mail: graph && mailbox ? graphMailSender(graph, mailbox) : (devOutboxFor(rt)?.sender() ?? null),
    async formLink(messageId, personId) {
      const token = await formTokenFor(rt.database.db, {
        secret: formTokenSecret(env),
        messageId,
        personId,
        days: env.FORM_LINK_DAYS,
      });
      return `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}/forms/${token}`;
    },
    conversationLimiter: new ConversationLimiter(rt.redis, env.QUEUE_PREFIX, TEAMS_CONVERSATION_WINDOWS),
    calendar: meetingCalendarFromEnv(env, partnership),
  };
}

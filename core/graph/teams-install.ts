import { z } from 'zod';
import type { TeamsInstaller } from '../delivery/ports';
import { classifyHttpFailure } from '../delivery/outcome';
import type { GraphClient } from './client';

export interface TeamsInstallSettings {
  /** The app's id in the tenant's app catalog (`appCatalogs/teamsApps/{id}`). */
  catalogAppId: string;
  /** The bot's Microsoft app id (the manifest's bot id). */
  botAppId: string;
  tenantId: string;
  /** Bot Connector service URL for the tenant's region, e.g. https://smba.trafficmanager.net/uk/ */
  serviceUrl: string;
}

const installedApps = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });
const chat = z.object({ id: z.string().min(1) });

/**
 * Proactive install: adds the app to the user's personal scope (409 means it is
 * already there), then asks Graph for the 1:1 chat between the user and the bot.
 */
export function graphTeamsInstaller(graph: GraphClient, s: TeamsInstallSettings): TeamsInstaller {
  return {
    async installForUser(userId) {
      const base = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
      const install = await graph.request('POST', base, {
        'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${s.catalogAppId}`,
      });
      if (install.status !== 201 && install.status !== 409) {
        const failure = classifyHttpFailure(install.status, install.retryAfter);
        return failure.kind === 'sent'
          ? { kind: 'permanent', status: install.status, code: 'INSTALL_UNEXPECTED' }
          : failure;
      }
      const list = await graph.request(
        'GET',
        `${base}?$expand=teamsAppDefinition&$filter=teamsApp/id eq '${s.catalogAppId}'`,
      );
      const apps = installedApps.safeParse(list.body);
      if (list.status !== 200 || !apps.success || !apps.data.value[0]) {
        return list.status === 200
          ? { kind: 'permanent', status: 200, code: 'INSTALL_NOT_FOUND' }
          : (classifyHttpFailure(list.status, list.retryAfter) as Exclude<
              ReturnType<typeof classifyHttpFailure>,
              { kind: 'sent' }
            >);
      }
      const chatRes = await graph.request('GET', `${base}/${encodeURIComponent(apps.data.value[0].id)}/chat`);
      const c = chat.safeParse(chatRes.body);
      if (chatRes.status !== 200 || !c.success) {
        return chatRes.status === 200
          ? { kind: 'permanent', status: 200, code: 'CHAT_MALFORMED' }
          : (classifyHttpFailure(chatRes.status, chatRes.retryAfter) as Exclude<
              ReturnType<typeof classifyHttpFailure>,
              { kind: 'sent' }
            >);
      }
      return {
        kind: 'installed',
        reference: {
          bot: { id: `28:${s.botAppId}` },
          user: { id: userId, aadObjectId: userId },
          conversation: { id: c.data.id, conversationType: 'personal', tenantId: s.tenantId },
          channelId: 'msteams',
          serviceUrl: s.serviceUrl,
        },
      };
    },
  };
}

import { randomUUID } from 'node:crypto';

export interface TeamsUser {
  id: string;
  aadObjectId?: string;
  name?: string;
}

const BOT = { id: '28:masa-bot', name: 'masa-bot' };

/** A message activity shaped like the ones Teams sends in a personal chat. */
export function teamsMessage(
  serviceUrl: string,
  from: TeamsUser,
  text: string,
  conversationId = `a:${from.id}`,
) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    text,
    textFormat: 'plain',
    locale: 'en-GB',
  };
}

/** The conversationUpdate Teams sends when a person installs the app. */
export function teamsInstall(serviceUrl: string, from: TeamsUser, conversationId = `a:${from.id}`) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    membersAdded: [{ id: BOT.id }],
  };
}

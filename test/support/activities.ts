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

/**
 * The invoke Teams sends for an Action.Execute press (or, with `trigger: 'automatic'`,
 * a card refresh). The bot's answer is the HTTP response body: `{ statusCode, type, value }`.
 */
export function teamsCardAction(
  serviceUrl: string,
  from: TeamsUser,
  action: { verb: string; data?: Record<string, unknown> },
  opts: { conversationId?: string; trigger?: 'manual' | 'automatic'; replyToId?: string } = {},
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    replyToId: opts.replyToId,
    conversation: {
      id: opts.conversationId ?? `a:${from.id}`,
      conversationType: 'personal',
      tenantId: 'tenant-1',
    },
    channelData: { tenant: { id: 'tenant-1' } },
    value: {
      action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} },
      trigger: opts.trigger ?? 'manual',
    },
  };
}

/** A message on the Bot Framework email channel: the sender's address is the account id. */
export function emailMessage(serviceUrl: string, fromEmail: string, text: string) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'email',
    serviceUrl,
    from: { id: fromEmail, name: fromEmail },
    recipient: { id: 'masa-bot@partnership.example', name: 'masa-bot' },
    conversation: { id: `email:${fromEmail}` },
    text,
    textFormat: 'plain',
  };
}

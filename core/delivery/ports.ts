import type { StoredConversationReference } from '../conversations/reference';
import type { SendOutcome } from './outcome';

/** Sends and updates Teams messages; implemented in bot/ (the only folder that speaks Bot Framework). */
export interface TeamsSender {
  send(
    ref: StoredConversationReference,
    message: { text?: string; card?: Record<string, unknown> },
  ): Promise<SendOutcome>;
  update(
    ref: StoredConversationReference,
    activityId: string,
    card: Record<string, unknown>,
  ): Promise<SendOutcome>;
}

/** Installs the bot for a user through Graph and returns the 1:1 conversation, when Graph is configured. */
export interface TeamsInstaller {
  installForUser(
    entraObjectId: string,
  ): Promise<
    { kind: 'installed'; reference: StoredConversationReference } | Exclude<SendOutcome, { kind: 'sent' }>
  >;
}

export interface MailSender {
  send(mail: { to: string; subject: string; html: string }): Promise<SendOutcome>;
}

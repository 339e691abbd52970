import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { StoredConversationReference } from '../../core/conversations/reference';
import { classifyHttpFailure, NO_ACTIVITY_ID, type SendOutcome } from '../../core/delivery/outcome';
import type { TeamsSender } from '../../core/delivery/ports';
import { z } from 'zod';

/** The Bot Connector's answer to a send: the new activity's id, which later updates and claims need. */
const sentActivity = z.object({ id: z.string().min(1) });

/**
 * A send the Connector accepted but gave no activity id for: the card cannot be updated or found again,
 * and retrying might post it twice, so it is recorded as a failure for the business unit to see.
 */
const ACCEPTED_WITHOUT_ID: SendOutcome = { kind: 'permanent', status: 200, code: NO_ACTIVITY_ID };

interface HttpishError {
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Reads the status and Retry-After from the errors the Bot Connector client throws. */
function failureOf(e: unknown): SendOutcome {
  const err = (typeof e === 'object' && e !== null ? e : {}) as HttpishError;
  const status = typeof err.statusCode === 'number' ? err.statusCode : 0;
  return classifyHttpFailure(status, err.response?.headers?.get?.('retry-after') ?? null);
}

/** Proactive Teams messages and card updates through the Bot Framework adapter. */
export function teamsSender(adapter: CloudAdapter, botAppId: string): TeamsSender {
  const inConversation = async (
    ref: StoredConversationReference,
    act: (turn: TurnContext) => Promise<string | null>,
  ): Promise<SendOutcome> => {
    let activityId: string | null = null;
    // Errors inside the turn would go to the adapter's onTurnError and be lost;
    // catch them here so the pipeline can classify them.
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(
        botAppId,
        ref as Partial<ConversationReference>,
        async (turn) => {
          try {
            activityId = await act(turn);
          } catch (e) {
            failure = e ?? new Error('send failed');
          }
        },
      );
    } catch (e) {
      failure = e ?? new Error('send failed');
    }
    return failure === undefined ? { kind: 'sent', activityId } : failureOf(failure);
  };

  return {
    send: async (ref, message) => {
      const outcome = await inConversation(ref, async (turn) => {
        // A card goes alone (its text as the summary for notifications): a message of text and card
        // is shown as two by some clients, and a later update by id must replace the card itself.
        const activity = message.card
          ? { ...MessageFactory.attachment(CardFactory.adaptiveCard(message.card)), summary: message.text }
          : MessageFactory.text(message.text ?? '');
        const sent = sentActivity.safeParse(await turn.sendActivity(activity));
        return sent.success ? sent.data.id : null;
      });
      return outcome.kind === 'sent' && outcome.activityId === null ? ACCEPTED_WITHOUT_ID : outcome;
    },
    update: (ref, activityId, card) =>
      inConversation(ref, async (turn) => {
        await turn.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: activityId,
        });
        return activityId;
      }),
  };
}

import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/expand';
import { escapeHtml } from '../core/text/escape-html';

/**
 * Answers in the form the channel can show: a card in Teams (and the
 * Playground), HTML on the email channel, which has no cards. `html` is
 * trusted markup built by the caller with escapeHtml; `text` is plain.
 */
export async function reply(
  turn: TurnContext,
  message: { text: string; card?: AdaptiveCardJson; html?: string },
): Promise<string | undefined> {
  if (turn.activity.channelId === 'email') {
    const sent = await turn.sendActivity({
      type: 'message',
      textFormat: 'xml',
      text: message.html ?? `<p>${escapeHtml(message.text)}</p>`,
    });
    return sent?.id;
  }
  if (message.card) {
    const sent = await turn.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(message.card), message.text),
    );
    return sent?.id;
  }
  const sent = await turn.sendActivity(message.text);
  return sent?.id;
}

import { randomUUID } from 'node:crypto';
import { canOpen } from '../../../core/rapid-review/access';
import { openFormCard } from '../../../core/rapid-review/open';
import { RR_KINDS } from '../../../core/rapid-review/types';
import { RR_VERBS } from '../../../cards/rapid-review/verbs';
import { sendMessage } from '../../../core/delivery/send-message';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/**
 * `rapid review new`: the open form. In Teams it is the reply; on the email channel (no cards) the form
 * is sent as a message, which reaches the person with a link to the web form.
 */
export const rapidReviewNew: CommandHandler = async (ctx, turn, { person }) => {
  if (!canOpen(ctx.partnership, person)) {
    await reply(turn, {
      text: `Only the business unit or a chair of ${ctx.partnership.rapidReview.runBy} can open a Rapid Review.`,
    });
    return;
  }
  if (turn.activity.channelId === 'email') {
    const messageId = randomUUID();
    await sendMessage(ctx, {
      id: messageId,
      partnershipId: ctx.partnership.id,
      kind: RR_KINDS.openForm,
      subject: `${ctx.partnership.shortName}: open a Rapid Review`,
      summary: 'The form to open a Rapid Review and send the information requests.',
      card: openFormCard(ctx, messageId),
      formVerb: RR_VERBS.open,
      createdBy: person.id,
      recipients: [person.id],
    });
    await reply(turn, { text: 'I have sent you the form to open a Rapid Review. Follow the link in it.' });
    return;
  }
  await reply(turn, { text: 'Open a Rapid Review', card: openFormCard(ctx) });
};

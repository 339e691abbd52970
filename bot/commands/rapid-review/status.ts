import { appendAudit } from '../../../core/audit/append';
import { trackerHtml } from '../../../core/rapid-review/summaries';
import { renderTrackerCard } from '../../../core/rapid-review/views';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';
import { readableReview } from './readable-review';

/** `rapid review status <ref>`: the tracker on demand, for the chair, the business unit and the scrutineer. */
export const rapidReviewStatus: CommandHandler = async (ctx, turn, { person, args }) => {
  const review = await readableReview(ctx, turn, person, args, {
    command: 'rapid review status',
    refusal: (ref) =>
      `I can't show a Rapid Review ${ref}: it does not exist, or only its chair, the business unit and the Independent Scrutineer can see it.`,
  });
  if (!review) return;
  const ref = review.case_reference;
  await appendAudit(ctx.db, {
    partnershipId: ctx.partnership.id,
    actor: person.id,
    action: 'rapid-review.tracker.viewed',
    subjectType: 'rapid-review',
    subjectId: review.id,
    details: { channel: turn.activity.channelId },
  });
  if (turn.activity.channelId === 'email') {
    await reply(turn, { text: `Rapid Review ${ref}`, html: await trackerHtml(ctx, review) });
    return;
  }
  await reply(turn, { text: `Rapid Review ${ref}`, card: await renderTrackerCard(ctx, review, person) });
};

import { appendAudit } from '../../../core/audit/append';
import { caseReference } from '../../../core/delivery/create-message';
import { canRead } from '../../../core/rapid-review/access';
import { findReviewByReference } from '../../../core/rapid-review/store';
import { trackerHtml } from '../../../core/rapid-review/summaries';
import { renderTrackerCard } from '../../../core/rapid-review/views';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/** `rapid review status <ref>`: the tracker on demand, for the chair, the business unit and the scrutineer. */
export const rapidReviewStatus: CommandHandler = async (ctx, turn, { person, args }) => {
  const ref = (args[0] ?? '').toUpperCase();
  if (!ref) {
    await reply(turn, {
      text: 'Case reference: type it after the command, e.g. "rapid review status RR-2026-014".',
    });
    return;
  }
  if (!caseReference.safeParse(ref).success) {
    await reply(turn, { text: 'Case reference: expected a case reference such as RR-2026-014 (no names).' });
    return;
  }
  const review = await findReviewByReference(ctx.db, ctx.partnership.id, ref);
  if (!review || !canRead(person, review)) {
    await reply(turn, {
      text: `I can't show a Rapid Review ${ref}: it does not exist, or only its chair, the business unit and the Independent Scrutineer can see it.`,
    });
    return;
  }
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

import type { TurnContext } from 'botbuilder';
import type { Person } from '../../../config/partnership/schema';
import { caseReference } from '../../../core/delivery/create-message';
import { canRead } from '../../../core/rapid-review/access';
import { findReviewByReference } from '../../../core/rapid-review/store';
import type { BotContext } from '../../bot-context';
import { reply } from '../../reply';

/**
 * The review named by a command's case reference, if this person may read it; otherwise the person
 * is told why (no reference, not a case reference, unknown or not theirs) and this returns undefined.
 */
export async function readableReview(
  ctx: BotContext,
  turn: TurnContext,
  person: Person,
  args: string[],
  use: { command: string; refusal: (ref: string) => string },
) {
  const ref = (args[0] ?? '').toUpperCase();
  if (!ref) {
    await reply(turn, {
      text: `Case reference: type it after the command, e.g. "${use.command} RR-2026-014".`,
    });
    return undefined;
  }
  if (!caseReference.safeParse(ref).success) {
    await reply(turn, { text: 'Case reference: expected a case reference such as RR-2026-014 (no names).' });
    return undefined;
  }
  const review = await findReviewByReference(ctx.db, ctx.partnership.id, ref);
  if (!review || !canRead(person, review)) {
    await reply(turn, { text: use.refusal(ref) });
    return undefined;
  }
  return review;
}

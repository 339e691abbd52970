import { buildMyRequestsCard } from '../../../cards/rapid-review';
import { myRequests } from '../../../core/rapid-review/summaries';
import { escapeHtml } from '../../../core/text/escape-html';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/** `my requests`: the Rapid Review requests sent or delegated to the person. */
export const myRequestsCommand: CommandHandler = async (ctx, turn, { person }) => {
  const rows = await myRequests(ctx, person);
  const text =
    rows.length === 0 ? 'You have no Rapid Review information requests.' : 'Your Rapid Review requests';
  const html =
    rows.length === 0
      ? undefined
      : '<p>Your Rapid Review requests (answer through the link in each request email):</p><ul>' +
        rows
          .map(
            (r) =>
              `<li><b>${escapeHtml(r.caseReference)}</b>, ${escapeHtml(r.agency)}: ${escapeHtml(r.status)}, ` +
              `by ${escapeHtml(r.deadline)} (${escapeHtml(r.daysLeft)})</li>`,
          )
          .join('') +
        '</ul>';
  await reply(turn, {
    text,
    html,
    card: buildMyRequestsCard({ partnership: ctx.partnership.shortName, rows }),
  });
};

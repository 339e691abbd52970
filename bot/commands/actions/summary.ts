import { actionsSummaryCard, SUMMARY_ROLES } from '../../../core/reports/actions/card';
import { actionsSummary } from '../../../core/reports/actions/summary';
import { escapeHtml } from '../../../core/text/escape-html';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/** `actions summary`: open and overdue actions by subgroup, escalations by level, recommendations by stage. */
export const actionsSummaryCommand: CommandHandler = async (ctx, turn, { person }) => {
  if (!person.roles.some((r) => SUMMARY_ROLES.includes(r))) {
    await reply(turn, {
      text: 'Only the Executive, the business unit, the partnership chair and the scrutineer can see the actions summary.',
    });
    return;
  }
  const summary = await actionsSummary(
    ctx.db,
    ctx.partnership,
    ctx.calendar,
    ctx.calendar.localDate(ctx.now()),
  );
  const open = summary.subgroups.reduce((n, g) => n + g.open, 0);
  const overdue = summary.subgroups.reduce((n, g) => n + g.overdue, 0);
  const rows = summary.subgroups
    .filter((g) => g.open > 0)
    .map((g) => `<li>${escapeHtml(g.subgroupId)}: ${g.open} open, ${g.overdue} overdue</li>`)
    .join('');
  await reply(turn, {
    text: `Actions summary: ${open} open, ${overdue} overdue.`,
    card: actionsSummaryCard(summary),
    html: `<p><b>Actions summary</b>: ${open} open, ${overdue} overdue.</p><ul>${rows}</ul>`,
  });
};

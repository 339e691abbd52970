import { buildActionListCard } from '../../../cards/tracked-action/list';
import { buildNewActionCard } from '../../../cards/tracked-action/new-action';
import { isAppError } from '../../../core/errors';
import { submitRecommendation } from '../../../core/recommendations/submit';
import { isBusinessUnit } from '../../../core/tracked-actions/people';
import { dueState, formatDate, STATUS_LABELS } from '../../../core/tracked-actions/render';
import { listActions } from '../../../core/tracked-actions/store';
import type { TrackedActionRow } from '../../../core/db/tables/actions';
import { escapeHtml } from '../../../core/text/escape-html';
import type { BotContext } from '../../bot-context';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

function listReply(ctx: BotContext, heading: string, emptyText: string, rows: TrackedActionRow[]) {
  const items = rows.map((r) => {
    const state = dueState(ctx, r);
    const owner = ctx.directory.person(r.owner_id)?.displayName ?? r.owner_id;
    return {
      title: r.title,
      line: `${r.subgroup_id} · ${owner} · due ${formatDate(r.due_date)} · ${STATUS_LABELS[r.status]}${state.overdueDays > 0 ? ` · ${state.text.toLowerCase()}` : ''}`,
      overdue: state.overdueDays > 0,
    };
  });
  const html = items.length
    ? `<p><b>${escapeHtml(heading)}</b></p><ul>${items.map((i) => `<li>${escapeHtml(i.title)}: ${escapeHtml(i.line)}</li>`).join('')}</ul>`
    : `<p>${escapeHtml(emptyText)}</p>`;
  return {
    text: items.length ? heading : emptyText,
    card: buildActionListCard({ partnership: ctx.partnership.shortName, heading, emptyText, items }),
    html,
  };
}

/** `my actions`: the open actions you own. */
export const myActions: CommandHandler = async (ctx, turn, { person }) => {
  const rows = await listActions(ctx.db, ctx.partnership.id, { ownerId: person.id, openOnly: true });
  await reply(turn, listReply(ctx, 'Your open actions', 'You have no open actions.', rows));
};

/** `actions <subgroup>`: a subgroup's open actions (business unit, Executive, scrutineer, its chairs and members). */
export const subgroupActions: CommandHandler = async (ctx, turn, { person, args }) => {
  const id = args[0];
  const subgroup = id
    ? ctx.partnership.subgroups.find((g) => g.id.toLowerCase() === id.toLowerCase())
    : undefined;
  if (!subgroup) {
    const known = ctx.partnership.subgroups.map((g) => g.id).join(', ');
    await reply(turn, {
      text: `subgroup: ${id ? `"${id}" is not a subgroup` : 'missing'}. Type "actions <subgroup>", one of: ${known}.`,
    });
    return;
  }
  const entitled =
    isBusinessUnit(person) ||
    person.roles.includes('executive') ||
    person.roles.includes('scrutineer') ||
    subgroup.chairs.includes(person.id) ||
    subgroup.members.includes(person.id);
  if (!entitled) {
    await reply(turn, {
      text: `Only ${subgroup.id}'s chairs and members, the business unit and the Executive can see its actions.`,
    });
    return;
  }
  const rows = await listActions(ctx.db, ctx.partnership.id, { subgroupId: subgroup.id, openOnly: true });
  await reply(
    turn,
    listReply(ctx, `Open actions of ${subgroup.id}`, `${subgroup.id} has no open actions.`, rows),
  );
};

/** `new action`: the form (business unit and subgroup chairs). */
export const newAction: CommandHandler = async (ctx, turn, { person }) => {
  const chaired = ctx.directory.subgroupsChairedBy(person.id);
  const subgroups = isBusinessUnit(person) ? ctx.partnership.subgroups : chaired;
  if (subgroups.length === 0) {
    await reply(turn, { text: 'Only the business unit and subgroup chairs can create actions.' });
    return;
  }
  if (turn.activity.channelId === 'email') {
    await reply(turn, { text: 'Creating an action needs the card in Teams.' });
    return;
  }
  const people = ctx.partnership.people
    .filter((p) => !(p.roles.length === 1 && p.roles[0] === 'dsl'))
    .map((p) => ({ title: p.displayName, value: p.id }));
  await reply(turn, {
    text: 'New action',
    card: buildNewActionCard({
      partnership: ctx.partnership.shortName,
      subgroups: subgroups.map((g) => ({ title: `${g.id}: ${g.name}`, value: g.id })),
      people,
      minDate: ctx.calendar.localDate(ctx.now()),
    }),
  });
};

/** `recommend <category> [<case reference>] <text>`: records a recommendation by hand and routes it. */
export const recommend: CommandHandler = async (ctx, turn, { person, args }) => {
  const categories = ctx.partnership.routing.categories.map((c) => c.id).join(', ');
  if (!isBusinessUnit(person) && ctx.directory.subgroupsChairedBy(person.id).length === 0) {
    await reply(turn, { text: 'Only the business unit and subgroup chairs can record recommendations.' });
    return;
  }
  const [category, maybeRef, ...rest] = args;
  const hasRef = Boolean(maybeRef && /^[A-Z]{1,6}[-/][A-Z0-9][A-Z0-9/-]{1,30}$/.test(maybeRef));
  const text = (hasRef ? rest : [maybeRef ?? '', ...rest]).join(' ').trim();
  try {
    const { recommendationId } = await submitRecommendation(ctx, {
      source: 'manual',
      category: category ?? '',
      ...(hasRef ? { caseReference: maybeRef } : {}),
      text,
      createdBy: person.id,
    });
    ctx.logger.info({ personId: person.id, recommendationId }, 'recommendation recorded');
    await reply(turn, { text: `Recorded. It is being routed to the subgroup that owns "${category}".` });
  } catch (e) {
    if (!isAppError(e)) throw e;
    await reply(turn, {
      text: `${e.message}. Type "recommend <category> [case reference] <text>"; categories: ${categories}.`,
    });
  }
};

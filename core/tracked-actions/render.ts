import type { Person } from '../../config/partnership/schema';
import type { AdaptiveCardJson } from '../../cards/expand';
import { buildEscalationCard } from '../../cards/escalation';
import { buildTrackedActionCard, type Fact } from '../../cards/tracked-action';
import type { ActionEventRow, ActionStatus, TrackedActionRow } from '../db/tables/actions';
import type { Services } from '../services/services';
import { workingDaysOverdue } from '../escalation/plan';
import { AUDIENCE_LABELS, canManage, canUpdate, membersOf } from './people';
import { LADDER_AUDIENCES, type LadderAudience } from '../../config/partnership/schema';

type RenderDeps = Pick<Services, 'partnership' | 'directory' | 'calendar' | 'now'>;

export const STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'closed-not-done': 'Closed (not done)',
};

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' });

export function formatDate(iso: string): string {
  return DATE_FORMAT.format(new Date(`${iso}T00:00:00Z`));
}

function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(at);
}

export const isClosed = (status: ActionStatus): boolean => status === 'done' || status === 'closed-not-done';

const nameOf = (d: RenderDeps, id: string): string => d.directory.person(id)?.displayName ?? id;

/** Where the action stands today, in words: due in N working days, due today, overdue by N. */
export function dueState(
  d: RenderDeps,
  row: TrackedActionRow,
): { text: string; overdueDays: number; tone: 'default' | 'warning' | 'attention' } {
  const today = d.calendar.localDate(d.now());
  const overdueDays = workingDaysOverdue(d.calendar, row.due_date, today);
  if (isClosed(row.status)) return { text: STATUS_LABELS[row.status], overdueDays: 0, tone: 'default' };
  if (overdueDays > 0)
    return {
      text: `Overdue by ${overdueDays} working day${overdueDays === 1 ? '' : 's'}`,
      overdueDays,
      tone: 'attention',
    };
  if (row.due_date === today) return { text: 'Due today', overdueDays: 0, tone: 'warning' };
  const left = today < row.due_date ? d.calendar.countWorkingDays(today, row.due_date) : 0;
  return {
    text: `Due in ${left} working day${left === 1 ? '' : 's'}`,
    overdueDays: 0,
    tone: left <= 3 ? 'warning' : 'default',
  };
}

export function actionFacts(d: RenderDeps, row: TrackedActionRow): Fact[] {
  const facts: Fact[] = [
    { title: 'Subgroup', value: d.directory.subgroup(row.subgroup_id)?.name ?? row.subgroup_id },
    { title: 'Owner', value: nameOf(d, row.owner_id) },
    { title: 'Due', value: formatDate(row.due_date) },
    { title: 'Status', value: STATUS_LABELS[row.status] },
  ];
  if (row.case_reference) facts.unshift({ title: 'Case', value: row.case_reference });
  return facts;
}

function stepLabel(key: string | null): string {
  const step = (key ?? '').split(':')[1] ?? '';
  if (step.startsWith('remind-')) return `Reminder sent (${step.slice(7)} working days before due)`;
  return 'Ladder step';
}

/** One history line per event: what happened, by whom; never the free text itself. */
export function historyLine(d: RenderDeps, e: ActionEventRow): { when: string; what: string } {
  const by = e.actor.startsWith('system:') ? '' : ` by ${nameOf(d, e.actor)}`;
  const audience = (LADDER_AUDIENCES as readonly string[]).includes(e.detail ?? '')
    ? AUDIENCE_LABELS[e.detail as LadderAudience]
    : 'the next level';
  const what: Record<string, () => string> = {
    created: () => `Created${by}`,
    assigned: () => `Assigned to ${nameOf(d, e.detail ?? '')}`,
    progress: () => `Progress note${by} (${STATUS_LABELS[(e.detail ?? 'open') as ActionStatus] ?? e.detail})`,
    step: () =>
      e.detail === 'owner' && (e.step_key ?? '').includes(':remind-')
        ? stepLabel(e.step_key)
        : e.detail === 'owner'
          ? 'Owner chased (overdue)'
          : `Escalated to ${audience}`,
    'step-skipped': () => `Step skipped: ${audience} is the owner`,
    'step-late': () => 'Reminder skipped: already overdue',
    extended: () => `Due date extended to ${formatDate(e.detail ?? '')}${by}`,
    reassigned: () => `Reassigned to ${nameOf(d, e.detail ?? '')}${by}`,
    chased: () => `Owner chased${by}`,
    escalated: () => `Escalated now to ${audience}${by}`,
    completed: () => `Marked done with evidence${by}`,
    'closed-not-done': () => `Closed (not done)${by}`,
  };
  return { when: formatWhen(e.at, d.partnership.timeZone), what: (what[e.kind] ?? (() => e.kind))() };
}

/** The owner's card: update progress or mark done while open. */
export function ownerCard(
  d: RenderDeps,
  row: TrackedActionRow,
  opts: {
    messageId: string;
    viewer?: Person;
    latestNote?: string;
    /** Teams user ids (core/conversations/teams-user-ids.ts) of the people who hold this card. */
    refreshUserIds?: string[];
  },
): AdaptiveCardJson {
  const state = dueState(d, row);
  // The description and progress notes are the subgroup's working text: a copy of the card left with
  // someone else (a previous owner outside the subgroup) shows the facts only.
  const readsNotes =
    !opts.viewer ||
    canUpdate(d.directory, opts.viewer, row) ||
    membersOf(d.directory, row.subgroup_id).includes(opts.viewer.id);
  return buildTrackedActionCard({
    partnership: d.partnership.shortName,
    heading: state.text,
    tone: state.tone,
    title: row.title,
    description: readsNotes ? row.description : '',
    facts: actionFacts(d, row),
    latestNote: readsNotes ? opts.latestNote : undefined,
    closedText: isClosed(row.status)
      ? `This action is closed: ${STATUS_LABELS[row.status].toLowerCase()}.`
      : undefined,
    canUpdate: opts.viewer ? canUpdate(d.directory, opts.viewer, row) : true,
    messageId: opts.messageId,
    actionId: row.id,
    refreshUserIds: opts.refreshUserIds,
  });
}

/** The escalation card: facts, days overdue, history and the five choices for those who may manage it. */
export function escalationCard(
  d: RenderDeps,
  row: TrackedActionRow,
  opts: {
    messageId: string;
    viewer?: Person;
    history: ActionEventRow[];
    /** Teams user ids (core/conversations/teams-user-ids.ts) of the people who hold this card. */
    refreshUserIds?: string[];
  },
): AdaptiveCardJson {
  const state = dueState(d, row);
  return buildEscalationCard({
    partnership: d.partnership.shortName,
    heading: isClosed(row.status)
      ? `Action ${STATUS_LABELS[row.status].toLowerCase()}`
      : `Escalated: ${state.text.toLowerCase()}`,
    title: row.title,
    facts: [...actionFacts(d, row), { title: 'Working days overdue', value: String(state.overdueDays) }],
    history: opts.history.slice(-8).map((e) => historyLine(d, e)),
    closedText: isClosed(row.status) ? `Closed: ${STATUS_LABELS[row.status].toLowerCase()}.` : undefined,
    canAct: opts.viewer ? canManage(d.directory, opts.viewer, row) : true,
    members: membersOf(d.directory, row.subgroup_id)
      .filter((id) => id !== row.owner_id)
      .map((id) => ({ title: nameOf(d, id), value: id })),
    minDate: d.calendar.localDate(d.now()),
    messageId: opts.messageId,
    actionId: row.id,
    refreshUserIds: opts.refreshUserIds,
  });
}

/**
 * The card stored with a message the sweep sends: a small snapshot built without templating (the sweep
 * sends hundreds at once). Every viewer actually sees the live card from the message kind's view;
 * `stageMessages` adds the Teams refresh for the recipients.
 */
export function snapshotCard(d: RenderDeps, row: TrackedActionRow, heading: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: d.partnership.shortName, isSubtle: true, size: 'Small', wrap: true },
      { type: 'TextBlock', text: heading, weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: row.title, size: 'Medium', weight: 'Bolder', wrap: true },
      {
        type: 'FactSet',
        facts: actionFacts(d, row),
      },
    ],
  };
}

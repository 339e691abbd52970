import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TrackedActionRow } from '../db/tables/actions';
import type { Services } from '../services/services';
import { ACTION_MESSAGE_KINDS, stageMessages, type StagedMessage } from '../tracked-actions/messages';
import { recipientsFor, AUDIENCE_LABELS } from '../tracked-actions/people';
import { isClosed, snapshotCard } from '../tracked-actions/render';
import { ladderSteps, stepKey, workingDaysOverdue, type LadderStep } from './plan';

type EngineDeps = Pick<Services, 'partnership' | 'directory' | 'calendar' | 'now'>;

export const SWEEP_ACTOR = 'system:escalation-sweep';

interface EventRow {
  action_id: string;
  at: Date;
  actor: string;
  kind: string;
  step_key: string | null;
  notified: string[];
  detail: string | null;
  text: null;
  message_id: string | null;
}

/** What one pass over some locked actions decided, written by `applyPlan` in a few statements. */
export interface LadderPlan {
  events: EventRow[];
  messages: StagedMessage[];
  updates: Array<{ id: string; next_step: string | null; next_step_at: Date | null }>;
  fired: number;
  skipped: number;
  deferred: number;
  /** Per-sweep memo: actions share few due dates, and calendar arithmetic is the costly part. */
  memo: Map<string, unknown>;
}

function memo<T>(plan: LadderPlan, key: string, make: () => T): T {
  if (!plan.memo.has(key)) plan.memo.set(key, make());
  return plan.memo.get(key) as T;
}

export const emptyPlan = (): LadderPlan => ({
  memo: new Map(),
  events: [],
  messages: [],
  updates: [],
  fired: 0,
  skipped: 0,
  deferred: 0,
});

/** The subject and summary of a step's message: a case reference at most, never the action's title. */
function wording(d: EngineDeps, row: TrackedActionRow, step: LadderStep, overdue: number) {
  const prefix = row.case_reference ?? d.partnership.shortName;
  if (step.kind === 'reminder')
    return {
      heading: `Reminder: due in ${step.days} working day${step.days === 1 ? '' : 's'}`,
      subject: `${prefix}: action due in ${step.days} working day${step.days === 1 ? '' : 's'}`,
      summary: 'An action you own is due soon. Open the card to record progress or evidence.',
    };
  if (step.audience === 'owner')
    return {
      heading: `Overdue by ${overdue} working day${overdue === 1 ? '' : 's'}`,
      subject: `${prefix}: action overdue`,
      summary: 'An action you own is overdue. Open the card to record progress or evidence.',
    };
  return {
    heading: `Escalated to ${AUDIENCE_LABELS[step.audience]}: overdue by ${overdue} working days`,
    subject: `${prefix}: overdue action escalated`,
    summary: `An action owned by ${row.subgroup_id} is overdue by ${overdue} working days and has been escalated to you.`,
  };
}

/** Records one step for one action into the plan: an event (unique per action, cycle and step) and a message. */
export function planStep(
  d: EngineDeps,
  plan: LadderPlan,
  row: TrackedActionRow,
  step: LadderStep,
  opts: { actor: string; kind?: 'step' | 'escalated'; now: Date },
): 'fired' | 'skipped' {
  const key = stepKey(row.ladder_cycle, step.key);
  const recipients = recipientsFor(d.directory, step.audience, row);
  if (recipients.length === 0) {
    plan.events.push({
      action_id: row.id,
      at: opts.now,
      actor: opts.actor,
      kind: 'step-skipped',
      step_key: key,
      notified: [],
      detail: step.audience,
      text: null,
      message_id: null,
    });
    plan.skipped += 1;
    return 'skipped';
  }
  const messageId = randomUUID();
  const today = memo(plan, `today|${opts.now.getTime()}`, () => d.calendar.localDate(opts.now));
  const overdue = memo(plan, `overdue|${row.due_date}|${today}`, () =>
    workingDaysOverdue(d.calendar, row.due_date, today),
  );
  const w = wording(d, row, step, overdue);
  plan.events.push({
    action_id: row.id,
    at: opts.now,
    actor: opts.actor,
    kind: opts.kind ?? 'step',
    step_key: key,
    notified: recipients,
    detail: step.audience,
    text: null,
    message_id: messageId,
  });
  plan.messages.push({
    id: messageId,
    partnershipId: d.partnership.id,
    kind: step.audience === 'owner' ? ACTION_MESSAGE_KINDS.action : ACTION_MESSAGE_KINDS.escalation,
    caseReference: row.case_reference,
    subject: w.subject,
    summary: w.summary,
    card: snapshotCard(d, row, w.heading),
    createdBy: opts.actor,
    recipients,
  });
  plan.fired += 1;
  return 'fired';
}

/**
 * Takes every step of a locked action that is due at `now`. Steps fire only inside working hours: outside
 * them (a weekend, a bank holiday, the evening) the action waits for the next working morning. When the
 * person at a rung is the owner, the rung is recorded as skipped and the next rung fires at once.
 */
export function planDueSteps(d: EngineDeps, plan: LadderPlan, row: TrackedActionRow, now: Date): void {
  if (isClosed(row.status) || row.next_step === null) {
    plan.updates.push({ id: row.id, next_step: null, next_step_at: null });
    return;
  }
  if (!memo(plan, `hours|${now.getTime()}`, () => d.calendar.isWithinWorkingHours(now))) {
    plan.updates.push({
      id: row.id,
      next_step: row.next_step,
      next_step_at: d.calendar.nextWorkingMoment(now),
    });
    plan.deferred += 1;
    return;
  }
  const steps = memo(plan, `steps|${row.due_date}`, () =>
    ladderSteps(d.partnership, d.calendar, row.due_date),
  );
  const today = memo(plan, `today|${now.getTime()}`, () => d.calendar.localDate(now));
  let step = steps.find((s) => s.key === row.next_step) ?? stepFromTime(steps, row.next_step_at);
  let escalateAtOnce = false;
  while (step && (escalateAtOnce || step.at.getTime() <= now.getTime())) {
    escalateAtOnce = false;
    if (step.kind === 'reminder' && today > row.due_date) {
      plan.events.push({
        action_id: row.id,
        at: now,
        actor: SWEEP_ACTOR,
        kind: 'step-late',
        step_key: stepKey(row.ladder_cycle, step.key),
        notified: [],
        detail: 'owner',
        text: null,
        message_id: null,
      });
      plan.skipped += 1;
    } else if (planStep(d, plan, row, step, { actor: SWEEP_ACTOR, now }) === 'skipped') {
      escalateAtOnce = step.kind === 'rung';
    }
    step = steps[steps.indexOf(step) + 1];
  }
  plan.updates.push({ id: row.id, next_step: step?.key ?? null, next_step_at: step?.at ?? null });
}

/**
 * When the partnership file's ladder changed after an action's next step was stored (say reminders at
 * [5, 1] became [3, 1]), its key no longer exists: the action carries on from the first step of the new
 * ladder at or after the time it had reached, rather than dropping off the ladder.
 */
function stepFromTime(steps: readonly LadderStep[], at: Date | null): LadderStep | undefined {
  return at ? steps.find((s) => s.at.getTime() >= at.getTime()) : undefined;
}

/**
 * Writes a plan inside the caller's transaction: events first (a step already recorded is a conflict and
 * its message is dropped, so no step ever happens twice), then messages and deliveries, then the next
 * step of each action. Returns the ids of the messages to fan out after commit.
 */
export async function applyPlan(
  db: Kysely<Database>,
  plan: LadderPlan,
  at: Date,
  partnershipId: string,
): Promise<string[]> {
  let kept = plan.messages;
  let recorded = plan.events;
  if (plan.events.length) {
    const inserted = await db
      .insertInto('action_events')
      .values(plan.events)
      .onConflict((oc) => oc.columns(['action_id', 'step_key']).where('step_key', 'is not', null).doNothing())
      .returning(['action_id', 'step_key', 'message_id'])
      .execute();
    const ok = new Set(inserted.map((r) => r.message_id).filter(Boolean));
    const steps = new Set(inserted.map((r) => `${r.action_id}|${r.step_key ?? ''}`));
    kept = plan.messages.filter((m) => ok.has(m.id));
    recorded = plan.events.filter((e) => steps.has(`${e.action_id}|${e.step_key ?? ''}`));
  }
  await stageMessages(db, kept);
  if (plan.updates.length) {
    const values = sql.join(
      plan.updates.map(
        (u) => sql`(${u.id}, ${u.next_step}, ${u.next_step_at ? u.next_step_at.toISOString() : null})`,
      ),
    );
    await sql`UPDATE tracked_actions AS t
      SET next_step = v.next_step, next_step_at = v.next_step_at::timestamptz, updated_at = ${at.toISOString()}::timestamptz
      FROM (VALUES ${values}) AS v(id, next_step, next_step_at)
      WHERE t.id = v.id`.execute(db);
  }
  if (recorded.length > 0) {
    await db
      .insertInto('audit_log')
      .values(
        recorded.map((e) => ({
          partnership_id: partnershipId,
          actor: e.actor,
          action: `action.${e.kind}`,
          subject_type: 'tracked-action',
          subject_id: e.action_id,
          details: JSON.stringify({ step: e.step_key, audience: e.detail, recipients: e.notified.length }),
        })),
      )
      .execute();
  }
  return kept.map((m) => m.id);
}

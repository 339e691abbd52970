import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { appendAudit } from '../audit/append';
import { isRealIsoDate } from '../calendar/real-date';
import type { TrackedActionRow } from '../db/tables/actions';
import { AppError } from '../errors';
import type { Services } from '../services/services';
import { applyPlan, emptyPlan, planStep } from '../escalation/engine';
import { ladderSteps, nextStep, stepKey } from '../escalation/plan';
import { advanceFromAction } from '../recommendations/lifecycle';
import { ACTION_MESSAGE_KINDS, stageMessages } from './messages';
import { canManage, canUpdate, membersOf } from './people';
import { isClosed, ownerCard, STATUS_LABELS } from './render';
import { addEvent, loadAction } from './store';
import { inTransaction, type AfterCommit } from './tx';
import { badInput, isoDate, refuseIdentifyingDetails } from './create';

export type ActionChange =
  | { kind: 'progress'; note: string; status: 'open' | 'in-progress' }
  | { kind: 'complete'; evidence: string }
  | { kind: 'extend'; dueDate: string; reason: string }
  | { kind: 'reassign'; ownerId: string }
  | { kind: 'chase' }
  | { kind: 'escalate-now' };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const changeSchemas = {
  progress: z.object({ note: text(2000), status: z.enum(['open', 'in-progress']).default('in-progress') }),
  complete: z.object({ evidence: text(4000) }),
  extend: z.object({
    dueDate: isoDate,
    reason: text(1000),
  }),
  reassign: z.object({ ownerId: z.string().min(1, 'pick a member').max(64) }),
};

/** Parses untrusted card input for a change, naming the field when it is wrong. */
export function parseChange(kind: ActionChange['kind'], data: unknown): ActionChange {
  if (kind === 'chase' || kind === 'escalate-now') return { kind };
  const parsed = changeSchemas[kind].safeParse(data);
  if (!parsed.success) throw badInput(parsed.error, kind);
  return { kind, ...parsed.data } as ActionChange;
}

export interface ChangeOutcome {
  action: TrackedActionRow;
  message: string;
  /** Recommendation whose stage moved with this change. */
  recommendationId?: string;
}

/**
 * One person's change to an action: authorised by role and subgroup, refused on a closed action, audited,
 * in one transaction with the row locked. The caller refreshes the cards afterwards.
 */
export async function changeAction(
  s: Services,
  actionId: string,
  person: Person,
  change: ActionChange,
): Promise<ChangeOutcome> {
  // The latest progress note is shown on the action's card; evidence and reasons stay in its history.
  if (change.kind === 'progress') refuseIdentifyingDetails({ note: change.note });
  if (change.kind === 'complete') refuseIdentifyingDetails({ evidence: change.evidence });
  if (change.kind === 'extend') refuseIdentifyingDetails({ reason: change.reason });
  return inTransaction(s.db, s.queues, async (trx, after) => {
    const row = await loadAction(trx, s.partnership.id, actionId, { forUpdate: true });
    if (!row) throw new AppError('NOT_FOUND', 'actionId: this action no longer exists');
    const ownerOnly = change.kind === 'progress' || change.kind === 'complete';
    const allowed = ownerOnly ? canUpdate(s.directory, person, row) : canManage(s.directory, person, row);
    if (!allowed)
      throw new AppError(
        'NOT_AUTHORISED',
        ownerOnly
          ? 'person: only the owner, the subgroup chairs and the business unit can update this action'
          : 'person: only the subgroup chairs, the business unit and the Executive can do this',
      );
    if (isClosed(row.status))
      throw new AppError(
        'CONFLICT',
        `status: this action is already closed (${STATUS_LABELS[row.status].toLowerCase()})`,
      );
    const now = s.now();
    const base = { action_id: row.id, at: now, actor: person.id };
    const audit = (action: string, details: Record<string, string | number | boolean | null> = {}) =>
      appendAudit(trx, {
        partnershipId: s.partnership.id,
        actor: person.id,
        action: `action.${action}`,
        subjectType: 'tracked-action',
        subjectId: row.id,
        details,
      });
    let message = 'Saved.';
    let recommendationId: string | undefined;

    switch (change.kind) {
      case 'progress': {
        await trx
          .updateTable('tracked_actions')
          .set({ status: change.status, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        await addEvent(trx, { ...base, kind: 'progress', detail: change.status, text: change.note });
        await audit('progress', { status: change.status });
        if (change.status === 'in-progress')
          recommendationId = await advanceFromAction(trx, row, 'in-progress', person.id, now);
        message = 'Progress saved.';
        break;
      }
      case 'complete': {
        await trx
          .updateTable('tracked_actions')
          .set({ status: 'done', closed_at: now, next_step: null, next_step_at: null, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        await addEvent(trx, { ...base, kind: 'completed', detail: 'done', text: change.evidence });
        await audit('completed');
        recommendationId = await advanceFromAction(trx, row, 'evidenced-complete', person.id, now);
        message = 'Marked done. Thank you.';
        break;
      }
      case 'extend': {
        const today = s.calendar.localDate(now);
        if (!isRealIsoDate(change.dueDate))
          throw new AppError('BAD_INPUT', 'dueDate: not a real calendar date');
        if (change.dueDate <= today)
          throw new AppError('BAD_INPUT', `dueDate: ${change.dueDate} is not in the future`);
        if (change.dueDate <= row.due_date)
          throw new AppError(
            'BAD_INPUT',
            `dueDate: ${change.dueDate} is not later than the current due date`,
          );
        // A new due date starts a new cycle of the ladder: each step can happen once more, for the new date.
        const first = nextStep(ladderSteps(s.partnership, s.calendar, change.dueDate), null, now);
        await trx
          .updateTable('tracked_actions')
          .set({
            due_date: change.dueDate,
            ladder_cycle: row.ladder_cycle + 1,
            next_step: first?.key ?? null,
            next_step_at: first?.at ?? null,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        await addEvent(trx, { ...base, kind: 'extended', detail: change.dueDate, text: change.reason });
        await audit('extended', { from: row.due_date, to: change.dueDate });
        message = 'Due date extended.';
        break;
      }
      case 'reassign': {
        if (!s.directory.person(change.ownerId))
          throw new AppError('BAD_INPUT', `ownerId: "${change.ownerId}" is not in the directory`);
        if (!membersOf(s.directory, row.subgroup_id).includes(change.ownerId))
          throw new AppError(
            'BAD_INPUT',
            `ownerId: "${change.ownerId}" is not a member of ${row.subgroup_id}`,
          );
        if (change.ownerId === row.owner_id)
          throw new AppError('BAD_INPUT', 'ownerId: this person already owns the action');
        await trx
          .updateTable('tracked_actions')
          .set({ owner_id: change.ownerId, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        const updated = { ...row, owner_id: change.ownerId };
        await notifyOwner(s, trx, after, updated, base, 'reassigned', change.ownerId);
        await audit('reassigned', { from: row.owner_id, to: change.ownerId });
        message = 'Reassigned.';
        break;
      }
      case 'chase': {
        await notifyOwner(s, trx, after, row, base, 'chased', row.owner_id);
        await audit('chased');
        message = 'The owner has been chased.';
        break;
      }
      case 'escalate-now': {
        const steps = ladderSteps(s.partnership, s.calendar, row.due_date);
        const done = await trx
          .selectFrom('action_events')
          .select('step_key')
          .where('action_id', '=', row.id)
          .where('step_key', 'like', `${row.ladder_cycle}:ladder-%`)
          .execute();
        const taken = new Set(done.map((d) => d.step_key));
        const rungs = steps.filter((st) => st.kind === 'rung' && st.audience !== 'owner');
        const lastTaken = rungs.reduce(
          (acc, st, i) => (taken.has(stepKey(row.ladder_cycle, st.key)) ? i : acc),
          -1,
        );
        const target = rungs.slice(lastTaken + 1).find((st) => !taken.has(stepKey(row.ladder_cycle, st.key)));
        if (!target)
          throw new AppError('CONFLICT', 'escalation: this action is already at the top of the ladder');
        const plan = emptyPlan();
        let fired = planStep(s, plan, row, target, { actor: person.id, kind: 'escalated', now });
        let reached = target;
        // Nobody at that rung but the owner: on up the ladder.
        for (const st of rungs.slice(rungs.indexOf(target) + 1)) {
          if (fired === 'fired') break;
          fired = planStep(s, plan, row, st, { actor: person.id, kind: 'escalated', now });
          reached = st;
        }
        const following = nextStep(steps, reached.key, now);
        const currentIdx = steps.findIndex((st) => st.key === row.next_step);
        if (row.next_step === null || currentIdx <= steps.indexOf(reached))
          plan.updates.push({
            id: row.id,
            next_step: following?.key ?? null,
            next_step_at: following?.at ?? null,
          });
        after.fanOut.push(...(await applyPlan(trx, plan, now, s.partnership.id)));
        message = fired === 'fired' ? 'Escalated.' : 'Nobody above the owner to escalate to.';
        break;
      }
    }
    const action = (await loadAction(trx, s.partnership.id, row.id))!;
    return { action, message, recommendationId };
  });
}

/** Sends the owner their card (on reassignment, or a chase) and records it in the history. */
async function notifyOwner(
  s: Services,
  trx: Parameters<Parameters<typeof inTransaction>[2]>[0],
  after: AfterCommit,
  row: TrackedActionRow,
  base: { action_id: string; at: Date; actor: string },
  kind: 'reassigned' | 'chased',
  ownerId: string,
): Promise<void> {
  const messageId = randomUUID();
  const prefix = row.case_reference ?? s.partnership.shortName;
  await addEvent(trx, { ...base, kind, detail: ownerId, notified: [ownerId], message_id: messageId });
  await stageMessages(trx, [
    {
      id: messageId,
      partnershipId: s.partnership.id,
      kind: ACTION_MESSAGE_KINDS.action,
      caseReference: row.case_reference,
      subject:
        kind === 'chased'
          ? `${prefix}: please update your action`
          : `${prefix}: an action has been assigned to you`,
      summary:
        kind === 'chased'
          ? 'A chair has asked for an update on an action you own. Open the card to record progress or evidence.'
          : `You now own a ${row.subgroup_id} action. Open the card to see it and record progress.`,
      card: ownerCard(s, row, { messageId }),
      createdBy: base.actor,
      recipients: [ownerId],
    },
  ]);
  after.fanOut.push(messageId);
}

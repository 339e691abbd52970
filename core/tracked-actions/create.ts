import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { appendAudit } from '../audit/append';
import { isRealIsoDate } from '../calendar/real-date';
import { caseReference } from '../delivery/create-message';
import { AppError } from '../errors';
import { identifyingDetail, identifyingDetailProblem } from '../text/identifying-details';
import type { Services } from '../services/services';
import { ladderSteps, nextStep } from '../escalation/plan';
import { ACTION_MESSAGE_KINDS, stageMessages } from './messages';
import { canCreateFor } from './people';
import { ownerCard } from './render';
import { addEvent, loadAction } from './store';
import { inTransaction } from './tx';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealIsoDate, 'not a real calendar date');

export const newActionSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().trim().max(4000).default(''),
  subgroupId: z.string().min(1, 'choose a subgroup').max(64),
  ownerId: z.string().min(1, 'choose an owner').max(64),
  dueDate: isoDate,
  caseReference: caseReference.optional(),
  source: z.enum(['recommendation', 'meeting', 'manual']).default('manual'),
  sourceId: z.string().min(1).max(100).optional(),
});
export type NewAction = z.input<typeof newActionSchema>;

/** Turns the first zod issue into a plain sentence naming the field. */
export function badInput(error: z.ZodError, fallback: string): AppError {
  const first = error.issues[0]!;
  return new AppError('BAD_INPUT', `${first.path.join('.') || fallback}: ${first.message}`);
}

/**
 * Refuses free text a person typed onto an action (title, description, notes) when it looks like it carries a
 * child's identifying details: the first such field is named, as for recommendations (core/text/identifying-details.ts).
 */
export function refuseIdentifyingDetails(fields: Record<string, string>): void {
  for (const [field, text] of Object.entries(fields)) {
    const found = identifyingDetail(text);
    if (found) throw new AppError('BAD_INPUT', identifyingDetailProblem(field, found));
  }
}

/**
 * Creates an action. `by` is a person (a chair of the subgroup or the business unit: checked here) or a
 * system actor (routing). Due dates in the past, unknown subgroups and owners are refused, naming the field.
 * The owner gets the action card unless `notifyOwner` is false; the ladder's first step is scheduled.
 */
export async function createAction(
  s: Services,
  input: NewAction,
  by: { person: Person } | { system: string },
  opts: { notifyOwner?: boolean } = {},
): Promise<{ actionId: string; messageId?: string }> {
  const parsed = newActionSchema.safeParse(input);
  if (!parsed.success) throw badInput(parsed.error, 'action');
  const a = parsed.data;
  // Titles reach escalation cards, `actions` replies and emails. A system actor (routing) builds its title
  // from a category and case reference, and its description from a recommendation already screened.
  if ('person' in by) refuseIdentifyingDetails({ title: a.title, description: a.description });
  const { directory, calendar, partnership } = s;
  if (!directory.subgroup(a.subgroupId))
    throw new AppError(
      'BAD_INPUT',
      `subgroupId: "${a.subgroupId}" is not a subgroup of ${partnership.shortName}`,
    );
  if (!directory.person(a.ownerId))
    throw new AppError('BAD_INPUT', `ownerId: "${a.ownerId}" is not in the directory`);
  const actor = 'person' in by ? by.person.id : by.system;
  if ('person' in by && !canCreateFor(directory, by.person, a.subgroupId))
    throw new AppError(
      'NOT_AUTHORISED',
      `subgroupId: only the business unit and the chairs of ${a.subgroupId} can create its actions`,
    );
  const now = s.now();
  const today = calendar.localDate(now);
  if (a.dueDate < today) throw new AppError('BAD_INPUT', `dueDate: ${a.dueDate} is in the past`);

  const actionId = randomUUID();
  const first = nextStep(ladderSteps(partnership, calendar, a.dueDate), null, now);
  const notify = opts.notifyOwner ?? true;
  const messageId = notify && a.ownerId !== actor ? randomUUID() : undefined;
  await inTransaction(s.db, s.queues, async (trx, after) => {
    await trx
      .insertInto('tracked_actions')
      .values({
        id: actionId,
        partnership_id: partnership.id,
        title: a.title,
        description: a.description,
        subgroup_id: a.subgroupId,
        owner_id: a.ownerId,
        due_date: a.dueDate,
        source: a.source,
        source_id: a.sourceId ?? null,
        case_reference: a.caseReference ?? null,
        created_by: actor,
        created_at: now,
        updated_at: now,
        closed_at: null,
        next_step: first?.key ?? null,
        next_step_at: first?.at ?? null,
      })
      .execute();
    await addEvent(trx, { action_id: actionId, at: now, actor, kind: 'created', detail: a.dueDate });
    await appendAudit(trx, {
      partnershipId: partnership.id,
      actor,
      action: 'action.created',
      subjectType: 'tracked-action',
      subjectId: actionId,
      details: { subgroupId: a.subgroupId, ownerId: a.ownerId, dueDate: a.dueDate, source: a.source },
    });
    if (messageId) {
      const row = (await loadAction(trx, partnership.id, actionId))!;
      await addEvent(trx, {
        action_id: actionId,
        at: now,
        actor,
        kind: 'assigned',
        detail: a.ownerId,
        notified: [a.ownerId],
        message_id: messageId,
      });
      await stageMessages(trx, [
        {
          id: messageId,
          partnershipId: partnership.id,
          kind: ACTION_MESSAGE_KINDS.action,
          caseReference: row.case_reference,
          subject: `${row.case_reference ?? partnership.shortName}: an action has been assigned to you`,
          summary: `You own a new ${a.subgroupId} action. Open the card to see it and record progress.`,
          card: ownerCard(s, row, { messageId }),
          createdBy: actor,
          recipients: [a.ownerId],
        },
      ]);
      after.fanOut.push(messageId);
    }
  });
  return { actionId, messageId };
}

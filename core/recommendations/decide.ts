import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import { appendAudit } from '../audit/append';
import type { RecommendationRow } from '../db/tables/actions';
import { AppError } from '../errors';
import type { Services } from '../services/services';
import { addEvent } from '../tracked-actions/store';
import { inTransaction } from '../tracked-actions/tx';
import { badInput } from '../tracked-actions/create';
import { canReviewImpact, canRoute } from './render';

export type RecommendationDecision =
  | { kind: 'accept' }
  | { kind: 'reroute'; subgroupId: string; reason: string }
  | { kind: 'impact'; evidence: string };

const schemas = {
  reroute: z.object({
    subgroupId: z.string().min(1, 'pick a subgroup').max(64),
    reason: z.string().trim().min(1, 'must not be empty').max(1000),
  }),
  impact: z.object({ evidence: z.string().trim().min(1, 'must not be empty').max(4000) }),
};

export function parseDecision(kind: RecommendationDecision['kind'], data: unknown): RecommendationDecision {
  if (kind === 'accept') return { kind };
  const parsed = schemas[kind].safeParse(data);
  if (!parsed.success) throw badInput(parsed.error, kind);
  return { kind, ...parsed.data } as RecommendationDecision;
}

/**
 * A chair accepts a routed recommendation or re-routes it to another subgroup with a reason (its action
 * moves with it, to that subgroup's first chair); the business unit or the assurance group records the
 * impact review once it is evidenced complete. Authorised, audited, all or nothing.
 */
export async function decideRecommendation(
  s: Services,
  recommendationId: string,
  person: Person,
  decision: RecommendationDecision,
): Promise<{ rec: RecommendationRow; message: string; rerouted: boolean; rerouteEventId?: string }> {
  return inTransaction(s.db, s.queues, async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .selectAll()
      .where('id', '=', recommendationId)
      .where('partnership_id', '=', s.partnership.id)
      .forUpdate()
      .executeTakeFirst();
    if (!rec) throw new AppError('NOT_FOUND', 'recommendationId: this recommendation no longer exists');
    const now = s.now();
    const event = (kind: string, subgroupId: string | null, text: string | null) =>
      trx
        .insertInto('recommendation_events')
        .values({
          recommendation_id: rec.id,
          at: now,
          actor: person.id,
          kind,
          subgroup_id: subgroupId,
          text,
          message_id: null,
        })
        .execute();
    const audit = (action: string, details: Record<string, string>) =>
      appendAudit(trx, {
        partnershipId: s.partnership.id,
        actor: person.id,
        action: `recommendation.${action}`,
        subjectType: 'recommendation',
        subjectId: rec.id,
        details,
      });

    if (decision.kind === 'impact') {
      if (!canReviewImpact(s.directory, person, s.partnership.rapidReview.runBy))
        throw new AppError(
          'NOT_AUTHORISED',
          `person: only the business unit and ${s.partnership.rapidReview.runBy} record impact reviews`,
        );
      if (rec.stage !== 'evidenced-complete')
        throw new AppError(
          'CONFLICT',
          'stage: the impact can be reviewed once the action is evidenced complete',
        );
      await trx
        .updateTable('recommendations')
        .set({ stage: 'impact-reviewed', impact_evidence: decision.evidence, updated_at: now })
        .where('id', '=', rec.id)
        .execute();
      await event('impact-reviewed', rec.subgroup_id, decision.evidence);
      await audit('impact-reviewed', {});
      return {
        rec: { ...rec, stage: 'impact-reviewed' },
        message: 'Impact review recorded.',
        rerouted: false,
      };
    }

    if (!canRoute(s.directory, person, rec))
      throw new AppError(
        'NOT_AUTHORISED',
        `person: only the chairs of ${rec.subgroup_id ?? 'the subgroup'} and the business unit can do this`,
      );
    if (rec.stage !== 'routed')
      throw new AppError('CONFLICT', `stage: this recommendation is already ${rec.stage.replace('-', ' ')}`);

    if (decision.kind === 'accept') {
      await trx
        .updateTable('recommendations')
        .set({ stage: 'accepted', updated_at: now })
        .where('id', '=', rec.id)
        .execute();
      await event('accepted', rec.subgroup_id, null);
      await audit('accepted', { subgroupId: rec.subgroup_id ?? '' });
      return { rec: { ...rec, stage: 'accepted' }, message: 'Accepted.', rerouted: false };
    }

    const target = s.directory.subgroup(decision.subgroupId);
    if (!target) throw new AppError('BAD_INPUT', `subgroupId: "${decision.subgroupId}" is not a subgroup`);
    if (target.id === rec.subgroup_id)
      throw new AppError('BAD_INPUT', `subgroupId: the recommendation is already with ${target.id}`);
    await trx
      .updateTable('recommendations')
      .set({
        subgroup_id: target.id,
        message_id: null,
        channel_conversation_id: null,
        channel_activity_id: null,
        updated_at: now,
      })
      .where('id', '=', rec.id)
      .execute();
    if (rec.action_id) {
      await trx
        .updateTable('tracked_actions')
        .set({ subgroup_id: target.id, owner_id: target.chairs[0]!, updated_at: now })
        .where('id', '=', rec.action_id)
        .execute();
      await addEvent(trx, {
        action_id: rec.action_id,
        at: now,
        actor: person.id,
        kind: 'reassigned',
        detail: target.chairs[0]!,
      });
    }
    // Its id names the job that posts the new card (routingJobId), so the sweep can find that job again.
    const rerouted = await trx
      .insertInto('recommendation_events')
      .values({
        recommendation_id: rec.id,
        at: now,
        actor: person.id,
        kind: 'rerouted',
        subgroup_id: target.id,
        text: decision.reason,
        message_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit('rerouted', { from: rec.subgroup_id ?? '', to: target.id });
    return {
      rec: { ...rec, subgroup_id: target.id },
      message: `Re-routed to ${target.id}.`,
      rerouted: true,
      rerouteEventId: String(rerouted.id),
    };
  });
}

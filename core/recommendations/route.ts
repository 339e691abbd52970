import type { Services } from '../services/services';
import { appendAudit } from '../audit/append';
import { createAction } from '../tracked-actions/create';

/** The subgroup a category belongs to under the partnership's routing rules. */
export function subgroupForCategory(
  partnership: Services['partnership'],
  category: string,
): string | undefined {
  return partnership.routing.rules.find((r) => r.category === category)?.subgroup;
}

export const ROUTING_ACTOR = 'system:route-recommendation';

/**
 * The id of the job that routes a recommendation and posts its card: one per routing, so the sweep can find
 * it again (workers/escalation-sweep/handler.ts). The first routing is `route~<id>`; each re-route gets its own,
 * keyed by the id of its `rerouted` event, as a job of an earlier routing may still be kept as completed.
 */
export function routingJobId(recommendationId: string, rerouteEventId?: string | null): string {
  return rerouteEventId ? `reroute~${recommendationId}~${rerouteEventId}` : `route~${recommendationId}`;
}

export type RouteOutcome =
  { kind: 'missing' } | { kind: 'routed'; subgroupId: string; actionId: string; alreadyRouted: boolean };

/**
 * Applies the routing rules to a submitted recommendation: records the owning subgroup and creates its
 * tracked action (owned by the subgroup's first chair until the chair reassigns it, due after the
 * partnership's `routing.actionDueWorkingDays`). Idempotent: the row is locked, and a recommendation
 * already routed keeps its subgroup and action.
 */
export async function routeRecommendation(s: Services, recommendationId: string): Promise<RouteOutcome> {
  return s.db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .selectAll()
      .where('id', '=', recommendationId)
      .where('partnership_id', '=', s.partnership.id)
      .forUpdate()
      .executeTakeFirst();
    if (!rec) return { kind: 'missing' } as const;
    if (rec.subgroup_id && rec.action_id)
      return {
        kind: 'routed',
        subgroupId: rec.subgroup_id,
        actionId: rec.action_id,
        alreadyRouted: true,
      } as const;
    const subgroupId = subgroupForCategory(s.partnership, rec.category);
    const subgroup = subgroupId ? s.directory.subgroup(subgroupId) : undefined;
    if (!subgroupId || !subgroup) throw new Error(`no routing rule for category ${rec.category}`);
    const at = s.now();
    const label = s.partnership.routing.categories.find((c) => c.id === rec.category)?.label ?? rec.category;
    const { actionId } = await createAction(
      { ...s, db: trx },
      {
        title: `Recommendation${rec.case_reference ? ` (${rec.case_reference})` : ''}: ${label}`,
        description: rec.text,
        subgroupId,
        ownerId: subgroup.chairs[0]!,
        dueDate: s.calendar.addWorkingDays(
          s.calendar.localDate(at),
          s.partnership.routing.actionDueWorkingDays,
        ),
        caseReference: rec.case_reference ?? undefined,
        source: 'recommendation',
        sourceId: rec.id,
      },
      { system: ROUTING_ACTOR },
      { notifyOwner: false },
    );
    await trx
      .updateTable('recommendations')
      .set({ stage: 'routed', subgroup_id: subgroupId, action_id: actionId, updated_at: at })
      .where('id', '=', rec.id)
      .execute();
    await trx
      .insertInto('recommendation_events')
      .values({
        recommendation_id: rec.id,
        at,
        actor: ROUTING_ACTOR,
        kind: 'routed',
        subgroup_id: subgroupId,
        text: null,
        message_id: null,
      })
      .execute();
    await appendAudit(trx, {
      partnershipId: s.partnership.id,
      actor: ROUTING_ACTOR,
      action: 'recommendation.routed',
      subjectType: 'recommendation',
      subjectId: rec.id,
      details: { category: rec.category, subgroupId, actionId },
    });
    return { kind: 'routed', subgroupId, actionId, alreadyRouted: false } as const;
  });
}

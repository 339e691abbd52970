import type { Services } from '../services/services';
import { appendAudit } from '../audit/append';

/** The subgroup a category belongs to under the partnership's routing rules. */
export function subgroupForCategory(
  partnership: Services['partnership'],
  category: string,
): string | undefined {
  return partnership.routing.rules.find((r) => r.category === category)?.subgroup;
}

export type RouteOutcome =
  | { kind: 'missing' }
  | { kind: 'already-routed'; subgroupId: string }
  | { kind: 'routed'; subgroupId: string };

/**
 * Applies the routing rules to a submitted recommendation and records the owning subgroup. Idempotent:
 * the row is locked and a recommendation already routed is left as it is.
 */
export async function routeRecommendation(
  services: Pick<Services, 'db' | 'partnership' | 'now'>,
  recommendationId: string,
): Promise<RouteOutcome> {
  return services.db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .selectAll()
      .where('id', '=', recommendationId)
      .where('partnership_id', '=', services.partnership.id)
      .forUpdate()
      .executeTakeFirst();
    if (!rec) return { kind: 'missing' } as const;
    if (rec.stage !== 'submitted' && rec.subgroup_id)
      return { kind: 'already-routed', subgroupId: rec.subgroup_id } as const;
    const subgroupId = subgroupForCategory(services.partnership, rec.category);
    if (!subgroupId) throw new Error(`no routing rule for category ${rec.category}`);
    const at = services.now();
    await trx
      .updateTable('recommendations')
      .set({ stage: 'routed', subgroup_id: subgroupId, updated_at: at })
      .where('id', '=', rec.id)
      .execute();
    await trx
      .insertInto('recommendation_events')
      .values({
        recommendation_id: rec.id,
        at,
        actor: 'system:route-recommendation',
        kind: 'routed',
        subgroup_id: subgroupId,
        text: null,
      })
      .execute();
    await appendAudit(trx, {
      partnershipId: services.partnership.id,
      actor: 'system:route-recommendation',
      action: 'recommendation.routed',
      subjectType: 'recommendation',
      subjectId: rec.id,
      details: { category: rec.category, subgroupId },
    });
    return { kind: 'routed', subgroupId } as const;
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { RecommendationStage, TrackedActionRow } from '../db/tables/actions';
import { appendAudit } from '../audit/append';

const ORDER: RecommendationStage[] = [
  'submitted',
  'routed',
  'accepted',
  'in-progress',
  'evidenced-complete',
  'impact-reviewed',
];

/**
 * Moves a recommendation forward when its tracked action moves (in progress, done with evidence); never
 * backwards. Returns the recommendation id when its stage changed, so its cards can be refreshed.
 */
export async function advanceFromAction(
  db: Kysely<Database>,
  action: Pick<TrackedActionRow, 'id' | 'source' | 'source_id' | 'partnership_id'>,
  to: 'in-progress' | 'evidenced-complete',
  actor: string,
  at: Date,
): Promise<string | undefined> {
  if (action.source !== 'recommendation' || !action.source_id) return undefined;
  const rec = await db
    .selectFrom('recommendations')
    .select(['id', 'stage', 'subgroup_id'])
    .where('id', '=', action.source_id)
    .forUpdate()
    .executeTakeFirst();
  if (!rec || ORDER.indexOf(rec.stage) >= ORDER.indexOf(to)) return undefined;
  await db
    .updateTable('recommendations')
    .set({ stage: to, updated_at: at })
    .where('id', '=', rec.id)
    .execute();
  await db
    .insertInto('recommendation_events')
    .values({
      recommendation_id: rec.id,
      at,
      actor,
      kind: to,
      subgroup_id: rec.subgroup_id,
      text: null,
      message_id: null,
    })
    .execute();
  await appendAudit(db, {
    partnershipId: action.partnership_id,
    actor,
    action: `recommendation.${to}`,
    subjectType: 'recommendation',
    subjectId: rec.id,
    details: { actionId: action.id },
  });
  return rec.id;
}

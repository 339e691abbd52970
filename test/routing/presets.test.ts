import { routeRecommendation } from '../../core/recommendations/route';
import { submitRecommendation } from '../../core/recommendations/submit';
import { servicesFrom } from '../../core/services/from-runtime';
import { createQueues } from '../../workers/queues';
import { openTestRuntime } from '../support/runtime';

const PRESETS = ['wakefield', 'norfolk', 'north-yorkshire', 'south-tees', 'northumberland'];

describe.each(PRESETS)('routing in the %s preset', (preset) => {
  it('routes a recommendation of every category to the subgroup its rule names, with a tracked action', async () => {
    const t = await openTestRuntime({ PARTNERSHIP: preset });
    const queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    try {
      const s = servicesFrom(t.rt, queues);
      const recorder = t.rt.partnership.people.find((p) => p.roles.includes('business-unit'))!;
      for (const rule of t.rt.partnership.routing.rules) {
        const { recommendationId } = await submitRecommendation(s, {
          source: 'manual',
          category: rule.category,
          text: 'Recorded by hand',
          createdBy: recorder.id,
        });
        const outcome = await routeRecommendation(s, recommendationId);
        expect(outcome).toMatchObject({ kind: 'routed', subgroupId: rule.subgroup });
        const action = await t.rt.database.db
          .selectFrom('tracked_actions')
          .select(['subgroup_id', 'owner_id', 'source_id'])
          .where('source_id', '=', recommendationId)
          .executeTakeFirstOrThrow();
        expect(action.subgroup_id).toBe(rule.subgroup);
        expect(t.rt.directory.subgroup(rule.subgroup)!.chairs).toContain(action.owner_id);
        // Routing twice changes nothing.
        expect(await routeRecommendation(s, recommendationId)).toMatchObject({ alreadyRouted: true });
      }
    } finally {
      await queues.close();
      await t.close();
    }
  });
});

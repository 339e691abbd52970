import { createAction } from '../../core/tracked-actions/create';
import { ownerCard } from '../../core/tracked-actions/render';
import { loadAction } from '../../core/tracked-actions/store';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { createQueues, type Queues } from '../../workers/queues';
import { presetWithObjectIds } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

describe("an action card's working text is for the subgroup, not every holder of a copy", () => {
  let t: TestRuntime;
  let queues: Queues;
  let s: Services;

  beforeAll(async () => {
    t = await openTestRuntime({ PARTNERSHIP: presetWithObjectIds('wakefield') });
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  it('shows the description and latest note to the owner, chairs and members; facts only to anyone else', async () => {
    const { actionId } = await createAction(
      s,
      {
        title: 'Neglect masterclass',
        description: 'Plan with the named practitioners from the review.',
        subgroupId: 'ILD',
        ownerId: 'ld-officer',
        dueDate: '2026-12-18',
      },
      { person: s.directory.person('bu-manager')! },
      { notifyOwner: false },
    );
    const row = (await loadAction(s.db, s.partnership.id, actionId))!;
    const seenBy = (viewerId: string) =>
      JSON.stringify(
        ownerCard(s, row, {
          messageId: 'm-1',
          viewer: s.directory.person(viewerId)!,
          latestNote: 'Venue booked; speakers confirmed.',
        }),
      );
    for (const id of ['ld-officer', 'hos-quality-learning', 'dci-safeguarding', 'bu-manager']) {
      expect([id, seenBy(id)]).toEqual([id, expect.stringContaining('Plan with the named practitioners')]);
      expect(seenBy(id)).toContain('Venue booked');
    }
    const outsider = seenBy('sm-social-care');
    expect(outsider).toContain('Neglect masterclass');
    expect(outsider).not.toContain('Plan with the named practitioners');
    expect(outsider).not.toContain('Venue booked');
  });
});

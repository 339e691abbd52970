import { submitRecommendation } from '../../core/recommendations/submit';
import { AppError } from '../../core/errors';
import { servicesFrom } from '../../core/services/from-runtime';
import type { Services } from '../../core/services/services';
import { createQueues, type Queues } from '../../workers/queues';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

describe('submitRecommendation', () => {
  let t: TestRuntime;
  let queues: Queues;
  let s: Services;

  beforeAll(async () => {
    t = await openTestRuntime();
    queues = createQueues(t.rt.redis, t.rt.env.QUEUE_PREFIX);
    s = servicesFrom(t.rt, queues);
  });
  afterAll(async () => {
    await queues.close();
    await t.close();
  });

  it('stores the recommendation and queues its routing job (ids only)', async () => {
    const { recommendationId } = await submitRecommendation(s, {
      source: 'rapid-review',
      sourceId: 'rr-1',
      caseReference: 'RR-2026-014',
      category: 'workforce-development',
      text: 'Deliver multi-agency training on neglect.',
      createdBy: 'bu-manager',
    });
    const row = await s.db
      .selectFrom('recommendations')
      .select(['stage', 'category', 'case_reference'])
      .where('id', '=', recommendationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      stage: 'submitted',
      category: 'workforce-development',
      case_reference: 'RR-2026-014',
    });
    const job = await queues.queue('actions').getJob(`route~${recommendationId}`);
    expect(job?.data).toEqual({ recommendationId });
  });

  it('refuses an unknown category, naming the field, and stores nothing', async () => {
    const before = await s.db
      .selectFrom('recommendations')
      .select(s.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const attempt = submitRecommendation(s, {
      source: 'manual',
      category: 'astrology',
      text: 'Something',
      createdBy: 'bu-manager',
    });
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toThrow(/^category: "astrology" is not a routing category/);
    const after = await s.db
      .selectFrom('recommendations')
      .select(s.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an empty text and a name passed as a case reference', async () => {
    await expect(
      submitRecommendation(s, {
        source: 'manual',
        category: 'assurance',
        text: '  ',
        createdBy: 'bu-manager',
      }),
    ).rejects.toThrow(/^text: /);
    await expect(
      submitRecommendation(s, {
        source: 'manual',
        category: 'assurance',
        text: 'x',
        caseReference: 'Jane Smith',
        createdBy: 'bu-manager',
      }),
    ).rejects.toThrow(/^caseReference: /);
  });

  it.each([
    ['Review the referral made for the child (DOB 01/02/2015).', 'a date of birth'],
    ['Visit the family at WF1 2AB to check the plan.', 'a postcode'],
    ['Check the GP record for NHS number 943 476 5919.', 'an NHS or phone number'],
  ])('refuses text with identifying details, stores nothing: %s', async (text, found) => {
    const before = await s.db.selectFrom('recommendations').select('id').execute();
    await expect(
      submitRecommendation(s, { source: 'manual', category: 'assurance', text, createdBy: 'bu-manager' }),
    ).rejects.toThrow(`text: this looks like it contains ${found}.`);
    expect(await s.db.selectFrom('recommendations').select('id').execute()).toEqual(before);
  });

  it('accepts ordinary recommendation text, dates and numbers included', async () => {
    await expect(
      submitRecommendation(s, {
        source: 'manual',
        category: 'assurance',
        text: 'Schools to refresh escalation training by 31/03/2027; audit 20 cases in Q2 (RR-2026-014).',
        createdBy: 'bu-manager',
      }),
    ).resolves.toMatchObject({ recommendationId: expect.any(String) });
  });
});

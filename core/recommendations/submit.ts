import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { caseReference } from '../delivery/create-message';
import { appendAudit } from '../audit/append';
import { AppError } from '../errors';
import { identifyingDetail, identifyingDetailProblem } from '../text/identifying-details';
import type { Services } from '../services/services';
import { routingJobId } from './route';
import type { NewRecommendation } from './types';

const inputSchema = z.strictObject({
  source: z.enum(['rapid-review', 'cspr', 'audit', 'manual']),
  sourceId: z.string().min(1).max(100).optional(),
  caseReference: caseReference.optional(),
  category: z.string().min(1).max(64),
  text: z.string().trim().min(1, 'must not be empty').max(4000),
  createdBy: z.string().min(1).max(64),
});

/**
 * Records a recommendation and queues its routing. The category must be one the partnership's routing
 * rules know; bad input is an AppError('BAD_INPUT') naming the field, and nothing is stored.
 * Pass `services.db` as a transaction to record it together with the caller's own change: the routing
 * job is enqueued at once, and finds the row (or retries) when it runs.
 */
export async function submitRecommendation(
  services: Pick<Services, 'db' | 'partnership' | 'directory' | 'queues' | 'now'>,
  input: NewRecommendation,
): Promise<{ recommendationId: string }> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new AppError('BAD_INPUT', `${first.path.join('.') || 'recommendation'}: ${first.message}`);
  }
  const r = parsed.data;
  const found = identifyingDetail(r.text);
  if (found) throw new AppError('BAD_INPUT', identifyingDetailProblem('text', found));
  const { partnership } = services;
  if (!partnership.routing.rules.some((rule) => rule.category === r.category)) {
    const known = partnership.routing.rules.map((rule) => rule.category).join(', ');
    throw new AppError(
      'BAD_INPUT',
      `category: "${r.category}" is not a routing category (use one of: ${known})`,
    );
  }
  if (!services.directory.person(r.createdBy)) {
    throw new AppError('BAD_INPUT', `createdBy: "${r.createdBy}" is not in the directory`);
  }
  const recommendationId = randomUUID();
  const at = services.now();
  await services.db
    .insertInto('recommendations')
    .values({
      id: recommendationId,
      partnership_id: partnership.id,
      source: r.source,
      source_id: r.sourceId ?? null,
      case_reference: r.caseReference ?? null,
      category: r.category,
      text: r.text,
      created_by: r.createdBy,
      created_at: at,
      updated_at: at,
      subgroup_id: null,
      action_id: null,
      message_id: null,
      channel_conversation_id: null,
      channel_activity_id: null,
      impact_evidence: null,
    })
    .execute();
  await services.db
    .insertInto('recommendation_events')
    .values({
      recommendation_id: recommendationId,
      at,
      actor: r.createdBy,
      kind: 'submitted',
      subgroup_id: null,
      text: null,
    })
    .execute();
  await appendAudit(services.db, {
    partnershipId: partnership.id,
    actor: r.createdBy,
    action: 'recommendation.submitted',
    subjectType: 'recommendation',
    subjectId: recommendationId,
    details: { source: r.source, category: r.category },
  });
  await services.queues.enqueue(
    'route-recommendation',
    { recommendationId },
    { jobId: routingJobId(recommendationId) },
  );
  return { recommendationId };
}

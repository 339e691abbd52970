import type { CardActionHandler, CardActionResult } from '../actions/types';
import { appendAudit } from '../audit/append';
import { isAppError } from '../errors';
import { submitRecommendation } from '../recommendations/submit';
import { closeRequests, loadForTracker, refreshReview } from './manage';
import { bad, conflict, isActionError, textInput, type ActionError } from './results';
import { findDecision, findReview, inTransaction } from './store';
import { RR_OUTCOMES, type RapidReviewOutcome } from './types';
import { DECISION_SLOTS, renderTrackerCard } from './views';
import { isUniqueViolation } from '../db/errors';

export interface DecisionInput {
  outcome: RapidReviewOutcome;
  learning: string;
  recommendations: Array<{ category: string; text: string }>;
}

/** The decision form: outcome, learning, and each filled recommendation with a known routing category. */
export function parseDecision(
  data: Record<string, unknown>,
  categories: readonly string[],
): DecisionInput | ActionError {
  const outcome = textInput(data, 'rr_outcome');
  if (!RR_OUTCOMES.some((o) => o.value === outcome)) return bad('Outcome: choose the outcome.');
  const learning = textInput(data, 'rr_learning').trim();
  if (!learning) return bad('Learning identified: describe the learning identified.');
  if (learning.length > 8000) return bad('Learning identified: is too long (at most 8000 characters).');
  const recommendations: DecisionInput['recommendations'] = [];
  for (let n = 1; n <= DECISION_SLOTS; n++) {
    const text = textInput(data, `rr_rec${n}_text`).trim();
    const category = textInput(data, `rr_rec${n}_category`);
    if (!text) continue;
    if (text.length > 4000) return bad(`Recommendation ${n}: is too long (at most 4000 characters).`);
    if (!category) return bad(`Recommendation ${n}: choose its category.`);
    if (!categories.includes(category)) return bad(`Recommendation ${n}: choose a category from the list.`);
    recommendations.push({ category, text });
  }
  return { outcome: outcome as RapidReviewOutcome, learning, recommendations };
}

/**
 * The chair records the decision after the review meeting. Recommendations are stored with the review
 * and handed to recommendation routing in the same transaction; requests still open are closed.
 */
export const recordDecision: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const l = await loadForTracker(deps, req, 'manage');
  if (isActionError(l)) return l;
  const categories = deps.partnership.routing.rules.map((r) => r.category);
  const input = parseDecision(l.data, categories);
  if (isActionError(input)) return input;
  const previous = await findDecision(deps.db, l.review.id);
  if (previous && previous.outcome !== 'more-information')
    return conflict(`A decision has already been recorded for ${l.review.case_reference}.`);
  const now = deps.now();
  try {
    await inTransaction(deps.db, async (trx) => {
      const tx = { ...deps, db: trx };
      if (previous) {
        const res = await trx
          .updateTable('rapid_review_decisions')
          .set({
            outcome: input.outcome,
            learning: input.learning,
            decided_by: req.person.id,
            decided_at: now,
          })
          .where('rapid_review_id', '=', l.review.id)
          .where('outcome', '=', 'more-information')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AlreadyDecided();
      } else {
        await trx
          .insertInto('rapid_review_decisions')
          .values({
            rapid_review_id: l.review.id,
            outcome: input.outcome,
            learning: input.learning,
            decided_by: req.person.id,
            decided_at: now,
          })
          .execute();
      }
      for (const r of input.recommendations) {
        const { recommendationId } = await submitRecommendation(tx, {
          source: 'rapid-review',
          sourceId: l.review.id,
          caseReference: l.review.case_reference,
          category: r.category,
          text: r.text,
          createdBy: req.person.id,
        });
        await trx
          .insertInto('rapid_review_recommendations')
          .values({
            rapid_review_id: l.review.id,
            category: r.category,
            text: r.text,
            recommendation_id: recommendationId,
            created_by: req.person.id,
            created_at: now,
          })
          .execute();
      }
      await appendAudit(trx, {
        partnershipId: deps.partnership.id,
        actor: req.person.id,
        action: 'rapid-review.decided',
        subjectType: 'rapid-review',
        subjectId: l.review.id,
        details: {
          outcome: input.outcome,
          recommendations: input.recommendations.length,
          channel: req.channel,
        },
      });
    });
  } catch (e) {
    if (e instanceof AlreadyDecided || isUniqueViolation(e))
      return conflict(`A decision has already been recorded for ${l.review.case_reference}.`);
    if (isAppError(e) && e.code === 'BAD_INPUT') return bad(`Recommendation: ${e.message}`);
    throw e;
  }
  if (!l.review.requests_closed_at && input.outcome !== 'more-information')
    await closeRequests(deps, l.review, req.person.id, req.channel);
  else await refreshReview(deps, l.review);
  const review = (await findReview(deps.db, deps.partnership.id, l.review.id))!;
  return {
    kind: 'card',
    card: await renderTrackerCard(deps, review, req.person),
    message: `Decision recorded for ${review.case_reference}, with ${input.recommendations.length} recommendation(s) sent for routing.`,
    keepLinkOpen: true,
  };
};

class AlreadyDecided extends Error {}

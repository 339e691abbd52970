import { z } from 'zod';
import type {
  CardActionDeps,
  CardActionHandler,
  CardActionRequest,
  CardActionResult,
} from '../actions/types';
import { appendAudit } from '../audit/append';
import { isRealIsoDate } from '../calendar/real-date';
import { refreshDeliveredCards } from '../delivery/send-message';
import { identifyingDetail, identifyingDetailProblem } from '../text/identifying-details';
import { canManage, canRead } from './access';
import { nextReminder } from './deadlines';
import { formatDate, personName } from './format';
import { addRequest } from './open';
import { queueSends, recordOutgoing } from './outbox';
import { bad, conflict, forbidden, notFound, isActionError, textInput, type ActionError } from './results';
import { isAnswered } from './status';
import {
  findRequest,
  findReview,
  inTransaction,
  requestMessageIds,
  requestsOf,
  type ReviewRow,
} from './store';
import { leadsNotAsked, renderAnswerForReader, renderTrackerCard } from './views';

const refs = z.object({ messageId: z.uuid(), rapidReviewId: z.uuid() });

interface Loaded {
  review: ReviewRow;
  data: Record<string, unknown>;
}

/** The guards of every tracker button: the review, the card's binding, and who is pressing. */
export async function loadForTracker(
  deps: CardActionDeps,
  req: CardActionRequest,
  need: 'read' | 'manage',
): Promise<Loaded | ActionError> {
  const parsed = refs.safeParse(req.data);
  if (!parsed.success) return bad('This card is missing its Rapid Review reference.');
  const review = await findReview(deps.db, deps.partnership.id, parsed.data.rapidReviewId);
  if (!review) return notFound('This Rapid Review no longer exists.');
  if (parsed.data.messageId !== review.tracker_message_id)
    return bad('This card belongs to another Rapid Review.');
  if (req.boundMessageId && req.boundMessageId !== review.tracker_message_id)
    return forbidden('This link is for a different message.');
  if (need === 'read' && !canRead(req.person, review))
    return forbidden(
      'Only the chair, the business unit and the Independent Scrutineer can see this tracker.',
    );
  if (need === 'manage' && !canManage(req.person, review))
    return forbidden(
      `Only the chair and the business unit can change Rapid Review ${review.case_reference}.`,
    );
  return { review, data: req.data as Record<string, unknown> };
}

async function trackerResult(
  deps: CardActionDeps,
  req: CardActionRequest,
  reviewId: string,
  message?: string,
): Promise<CardActionResult> {
  const review = (await findReview(deps.db, deps.partnership.id, reviewId))!;
  return {
    kind: 'card',
    card: await renderTrackerCard(deps, review, req.person),
    message,
    keepLinkOpen: true,
  };
}

/** Rewrites every Teams copy of the tracker and (optionally) of the given requests. */
export async function refreshReview(deps: CardActionDeps, review: ReviewRow, requestIds: string[] = []) {
  if (review.tracker_message_id) await refreshDeliveredCards(deps, review.tracker_message_id);
  for (const id of requestIds)
    for (const messageId of await requestMessageIds(deps.db, id))
      await refreshDeliveredCards(deps, messageId);
}

function closedError(review: ReviewRow): ActionError {
  return conflict(`Requests for ${review.case_reference} are closed, so this can no longer be changed.`);
}

export const showTracker: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'read');
  if (isActionError(l)) return l;
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: req.person.id,
    action: 'rapid-review.tracker.viewed',
    subjectType: 'rapid-review',
    subjectId: l.review.id,
    details: { channel: req.channel },
  });
  return trackerResult(deps, req, l.review.id);
};

export const viewAnswer: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'read');
  if (isActionError(l)) return l;
  const requestId = z.uuid().safeParse(l.data.requestId);
  if (!requestId.success) return bad('This button is missing its request reference.');
  const request = await findRequest(deps.db, deps.partnership.id, requestId.data);
  if (!request || request.rapid_review_id !== l.review.id)
    return notFound('This request is not part of this review.');
  if (!isAnswered(request)) return conflict('This agency has not submitted an answer yet.');
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: req.person.id,
    action: 'rapid-review.answer.viewed',
    subjectType: 'rapid-review-request',
    subjectId: request.id,
    details: { channel: req.channel },
  });
  return {
    kind: 'card',
    card: renderAnswerForReader(deps, l.review, request, req.person),
    keepLinkOpen: true,
  };
};

export const chaseNow: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'manage');
  if (isActionError(l)) return l;
  if (l.review.requests_closed_at) return closedError(l.review);
  const open = (await requestsOf(deps.db, l.review.id)).filter((r) => !isAnswered(r));
  if (open.length === 0)
    return trackerResult(deps, req, l.review.id, 'Nothing to chase: every agency has answered.');
  const now = deps.now();
  const ids = await inTransaction(deps.db, async (trx) => {
    const out: string[] = [];
    for (const r of open) {
      out.push(
        await recordOutgoing(
          trx,
          {
            rapidReviewId: l.review.id,
            requestId: r.id,
            purpose: 'chase',
            recipients: [r.addressee_id, ...(r.delegate_id ? [r.delegate_id] : [])],
            createdBy: req.person.id,
          },
          now,
        ),
      );
    }
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.chased',
      subjectType: 'rapid-review',
      subjectId: l.review.id,
      details: { requests: open.length, channel: req.channel },
    });
    return out;
  });
  await queueSends(deps, ids);
  return trackerResult(
    deps,
    req,
    l.review.id,
    `Chased ${open.length} agenc${open.length === 1 ? 'y' : 'ies'}.`,
  );
};

export const addAgency: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'manage');
  if (isActionError(l)) return l;
  if (l.review.requests_closed_at) return closedError(l.review);
  const leadId = textInput(l.data, 'rr_addLead');
  if (!leadId) return bad('Agency lead to ask: choose an agency lead.');
  const requests = await requestsOf(deps.db, l.review.id);
  if (requests.some((r) => r.addressee_id === leadId))
    return conflict(`Agency lead to ask: ${personName(deps.directory, leadId)} has already been asked.`);
  if (!leadsNotAsked(deps, requests).some((p) => p.id === leadId))
    return bad('Agency lead to ask: choose an agency lead from the directory list.');
  const now = deps.now();
  const messageId = await inTransaction(deps.db, async (trx) => {
    const id = await addRequest(deps, trx, l.review.id, leadId, req.person.id, now);
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.agency-added',
      subjectType: 'rapid-review',
      subjectId: l.review.id,
      details: { addresseeId: leadId, channel: req.channel },
    });
    return id;
  });
  await queueSends(deps, [messageId]);
  await refreshReview(deps, l.review);
  return trackerResult(deps, req, l.review.id, `Request sent to ${personName(deps.directory, leadId)}.`);
};

export const extendDeadline: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'manage');
  if (isActionError(l)) return l;
  if (l.review.requests_closed_at) return closedError(l.review);
  const requestId = textInput(l.data, 'rr_extendRequest');
  if (!requestId) return bad('Agency: choose the request to extend.');
  const request = z.uuid().safeParse(requestId).success
    ? await findRequest(deps.db, deps.partnership.id, requestId)
    : undefined;
  if (!request || request.rapid_review_id !== l.review.id)
    return bad('Agency: choose a request of this review.');
  if (isAnswered(request)) return conflict('Agency: this request has already been answered.');
  const to = textInput(l.data, 'rr_extendTo').trim();
  if (!to) return bad('New deadline: enter the new deadline.');
  if (!isRealIsoDate(to)) return bad('New deadline: expected a real date as YYYY-MM-DD.');
  const now = deps.now();
  const today = deps.calendar.localDate(now);
  if (to <= request.deadline)
    return bad(`New deadline: must be after the current deadline, ${formatDate(request.deadline)}.`);
  if (to < today) return bad('New deadline: cannot be in the past.');
  if (!deps.calendar.isWorkingDay(to)) return bad(`New deadline: ${formatDate(to)} is not a working day.`);
  const reason = textInput(l.data, 'rr_extendReason').trim();
  if (!reason) return bad('Reason: say why the deadline is extended.');
  if (reason.length > 500) return bad('Reason: is too long (at most 500 characters).');
  // The reason is shown in the notes of every copy of the request card.
  const found = identifyingDetail(reason);
  if (found) return bad(identifyingDetailProblem('Reason', found));
  const next = nextReminder(deps.calendar, request.requested_on, to, now);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('rapid_review_requests')
      .set({
        deadline: to,
        extension_reason: reason,
        overdue_at: null,
        next_reminder_at: next?.at ?? null,
        next_reminder_kind: next?.kind ?? null,
        updated_at: now,
      })
      .where('id', '=', request.id)
      .execute();
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.deadline-extended',
      subjectType: 'rapid-review-request',
      subjectId: request.id,
      details: { from: request.deadline, to, channel: req.channel, extendedAt: now.toISOString() },
    });
  });
  await refreshReview(deps, l.review, [request.id]);
  return trackerResult(deps, req, l.review.id, `Deadline extended to ${formatDate(to)}.`);
};

/** Stops every unanswered request: no more answers, no more reminders. */
export async function closeRequests(deps: CardActionDeps, review: ReviewRow, actor: string, channel: string) {
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('rapid_reviews')
      .set({ requests_closed_at: now, requests_closed_by: actor })
      .where('id', '=', review.id)
      .where('requests_closed_at', 'is', null)
      .execute();
    await trx
      .updateTable('rapid_review_requests')
      .set({ next_reminder_at: null, next_reminder_kind: null, updated_at: now })
      .where('rapid_review_id', '=', review.id)
      .execute();
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor,
      action: 'rapid-review.requests-closed',
      subjectType: 'rapid-review',
      subjectId: review.id,
      details: { channel },
    });
  });
  const requests = await requestsOf(deps.db, review.id);
  await refreshReview(
    deps,
    review,
    requests.map((r) => r.id),
  );
}

export const closeAction: CardActionHandler = async (deps, req) => {
  const l = await loadForTracker(deps, req, 'manage');
  if (isActionError(l)) return l;
  if (l.review.requests_closed_at) return closedError(l.review);
  await closeRequests(deps, l.review, req.person.id, req.channel);
  return trackerResult(deps, req, l.review.id, `Requests for ${l.review.case_reference} are closed.`);
};

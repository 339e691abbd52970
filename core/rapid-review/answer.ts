import { z } from 'zod';
import type { Person } from '../../config/partnership/schema';
import type { CardActionHandler, CardActionDeps, CardActionResult } from '../actions/types';
import { appendAudit } from '../audit/append';
import { refreshDeliveredCards } from '../delivery/send-message';
import { canAnswer } from './access';
import { queueSends, recordOutgoing } from './outbox';
import { bad, conflict, forbidden, notFound, isActionError, textInput, type ActionError } from './results';
import {
  findRequest,
  findReview,
  findRrMessage,
  inTransaction,
  requestMessageIds,
  type RequestRow,
  type ReviewRow,
} from './store';
import { isAnswered } from './status';
import {
  ANSWER_FIELD_NAMES,
  ANSWER_FIELDS,
  ANSWER_INPUT_PREFIX,
  draftAnswersSchema,
  missingForSubmit,
  type Answers,
  type MessagePurpose,
} from './types';
import { colleaguesOf, renderRequestCard } from './views';

const refs = z.object({ messageId: z.uuid(), requestId: z.uuid() });

interface Loaded {
  messageId: string;
  purpose: MessagePurpose;
  request: RequestRow;
  review: ReviewRow;
  data: Record<string, unknown>;
}

/** The guards every answer action runs: the card's ids, the link's binding, the addressee, still open. */
async function loadForAnswer(
  deps: CardActionDeps,
  req: Parameters<CardActionHandler>[1],
): Promise<Loaded | ActionError> {
  const parsed = refs.safeParse(req.data);
  if (!parsed.success) return bad('This card is missing its request reference.');
  const { messageId, requestId } = parsed.data;
  if (req.boundMessageId && req.boundMessageId !== messageId)
    return forbidden('This link is for a different message.');
  const m = await findRrMessage(deps.db, messageId);
  if (!m || m.request_id !== requestId) return notFound('This request no longer exists.');
  const request = await findRequest(deps.db, deps.partnership.id, requestId);
  const review = request && (await findReview(deps.db, deps.partnership.id, request.rapid_review_id));
  if (!request || !review) return notFound('This request no longer exists.');
  if (!canAnswer(req.person, request))
    return forbidden('This request was sent to someone else, so you cannot answer it.');
  if (review.requests_closed_at)
    return conflict(`Requests for ${review.case_reference} are closed, so this can no longer be changed.`);
  return {
    messageId,
    purpose: m.purpose as MessagePurpose,
    request,
    review,
    data: req.data as Record<string, unknown>,
  };
}

function parseAnswers(data: Record<string, unknown>): Answers | ActionError {
  const raw = Object.fromEntries(
    ANSWER_FIELD_NAMES.map((f) => [f, textInput(data, ANSWER_INPUT_PREFIX + f)]),
  );
  const parsed = draftAnswersSchema.safeParse(raw);
  if (!parsed.success) return bad(parsed.error.issues[0]!.message);
  return Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== '' && v !== undefined),
  ) as Answers;
}

/** After a change: the other copies of the request and the tracker are rewritten in Teams. */
async function refreshAfter(deps: CardActionDeps, request: RequestRow, review: ReviewRow): Promise<void> {
  for (const id of await requestMessageIds(deps.db, request.id)) await refreshDeliveredCards(deps, id);
  if (review.tracker_message_id) await refreshDeliveredCards(deps, review.tracker_message_id);
}

async function cardNow(deps: CardActionDeps, l: Loaded, person: Person) {
  const request = (await findRequest(deps.db, deps.partnership.id, l.request.id))!;
  return renderRequestCard(deps, l.messageId, l.purpose, l.review, request, person);
}

export const saveDraft: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const l = await loadForAnswer(deps, req);
  if (isActionError(l)) return l;
  if (isAnswered(l.request))
    return conflict('This request has already been submitted; the draft was not saved.');
  const answers = parseAnswers(l.data);
  if (isActionError(answers)) return answers;
  const saved = await inTransaction(deps.db, async (trx) => {
    const res = await trx
      .updateTable('rapid_review_requests')
      .set({ answers: JSON.stringify(answers), status: 'draft', updated_at: deps.now() })
      .where('id', '=', l.request.id)
      .where('status', 'in', ['awaiting', 'draft'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.request.draft-saved',
      subjectType: 'rapid-review-request',
      subjectId: l.request.id,
      details: { channel: req.channel },
    });
    return true;
  });
  if (!saved) return conflict('This request has already been submitted; the draft was not saved.');
  await refreshAfter(deps, l.request, l.review);
  return {
    kind: 'card',
    card: await cardNow(deps, l, req.person),
    message: 'Draft saved.',
    keepLinkOpen: true,
  };
};

export const submitAnswer: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const l = await loadForAnswer(deps, req);
  if (isActionError(l)) return l;
  if (isAnswered(l.request))
    return {
      kind: 'card',
      card: await cardNow(deps, l, req.person),
      message: 'This had already been submitted; nothing changed.',
    };
  const answers = parseAnswers(l.data);
  if (isActionError(answers)) return answers;
  const missing = missingForSubmit(answers);
  if (missing)
    return bad(`${ANSWER_FIELDS[missing].label} is needed before you can submit (or save a draft).`);
  const status = answers.involved === 'no' ? 'declined' : 'submitted';
  const now = deps.now();
  const stored = await inTransaction(deps.db, async (trx) => {
    // Only one of two simultaneous submits (a double click) can move the request on.
    const res = await trx
      .updateTable('rapid_review_requests')
      .set({
        answers: JSON.stringify(answers),
        status,
        submitted_at: now,
        submitted_by: req.person.id,
        next_reminder_at: null,
        next_reminder_kind: null,
        updated_at: now,
      })
      .where('id', '=', l.request.id)
      .where('status', 'in', ['awaiting', 'draft'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.request.submitted',
      subjectType: 'rapid-review-request',
      subjectId: l.request.id,
      details: { channel: req.channel, status },
    });
    return true;
  });
  await refreshAfter(deps, l.request, l.review);
  return {
    kind: 'card',
    card: await cardNow(deps, l, req.person),
    message: stored
      ? status === 'declined'
        ? 'Thank you: recorded as not involved.'
        : 'Thank you: your answer has been submitted.'
      : 'This had already been submitted; nothing changed.',
  };
};

export const delegateRequest: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const l = await loadForAnswer(deps, req);
  if (isActionError(l)) return l;
  if (l.request.addressee_id !== req.person.id)
    return forbidden('Only the person the request was sent to can delegate it.');
  if (isAnswered(l.request))
    return conflict('This request has already been submitted, so it cannot be delegated.');
  const delegateId = textInput(l.data, 'rr_delegate');
  if (!delegateId) return bad('Colleague who will answer: choose a colleague.');
  const colleague = colleaguesOf(deps, l.request.addressee_id).find((p) => p.id === delegateId);
  if (!colleague)
    return bad('Colleague who will answer: choose someone from your own agency in the directory.');
  if (l.request.delegate_id === delegateId)
    return conflict(`This request is already delegated to ${colleague.displayName}.`);
  const now = deps.now();
  const messageId = await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('rapid_review_requests')
      .set({ delegate_id: delegateId, updated_at: now })
      .where('id', '=', l.request.id)
      .execute();
    await appendAudit(trx, {
      partnershipId: deps.partnership.id,
      actor: req.person.id,
      action: 'rapid-review.request.delegated',
      subjectType: 'rapid-review-request',
      subjectId: l.request.id,
      details: { delegateId, channel: req.channel },
    });
    return recordOutgoing(
      trx,
      {
        rapidReviewId: l.review.id,
        requestId: l.request.id,
        purpose: 'delegated',
        recipients: [delegateId],
        createdBy: req.person.id,
      },
      now,
    );
  });
  await queueSends(deps, [messageId]);
  await refreshAfter(deps, l.request, l.review);
  return {
    kind: 'card',
    card: await cardNow(deps, l, req.person),
    message: `Delegated to ${colleague.displayName}. You can still answer yourself.`,
    keepLinkOpen: true,
  };
};

const showData = z.object({ requestId: z.uuid() });

/** From `my requests`: the request's current card for the person it was sent (or delegated) to. */
export const showRequest: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const parsed = showData.safeParse(req.data);
  if (!parsed.success) return bad('This card is missing its request reference.');
  if (req.boundMessageId) return forbidden('This link is for a different message.');
  const request = await findRequest(deps.db, deps.partnership.id, parsed.data.requestId);
  if (!request || !canAnswer(req.person, request))
    return forbidden('This request was sent to someone else, so you cannot open it.');
  const review = (await findReview(deps.db, deps.partnership.id, request.rapid_review_id))!;
  const messages = await deps.db
    .selectFrom('rapid_review_messages')
    .select(['message_id', 'purpose', 'recipients'])
    .where('request_id', '=', request.id)
    .where('sent_at', 'is not', null)
    .orderBy('created_at', 'desc')
    .execute();
  const mine = messages.find((m) => m.recipients.includes(req.person.id));
  if (!mine) return conflict('This request has not reached you yet. Please try again in a minute.');
  return {
    kind: 'card',
    card: await renderRequestCard(deps, mine.message_id, 'request', review, request, req.person),
  };
};

import { sql, type Updateable } from 'kysely';
import { z } from 'zod';
import type { RapidReviewRequestsTable } from '../db/tables/rapid-review';
import type { Person } from '../../config/partnership/schema';
import type { CardActionHandler, CardActionDeps, CardActionResult } from '../actions/types';
import { appendAudit } from '../audit/append';
import { canAnswer } from './access';
import { storeAnswerIfOpen } from './answer-store';
import { queueSends, recordOutgoing } from './outbox';
import { markCardsStale } from './refresh';
import { bad, conflict, forbidden, notFound, isActionError, textInput, type ActionError } from './results';
import { findRequest, findReview, inTransaction, type RequestRow, type ReviewRow } from './store';
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
import { auditRequestViewed, colleaguesOf, renderRequestCard } from './views';

const refs = z.object({ messageId: z.uuid(), requestId: z.uuid() });

interface Loaded {
  messageId: string;
  purpose: MessagePurpose;
  request: RequestRow;
  review: ReviewRow;
  data: Record<string, unknown>;
}

/**
 * The request a card's message belongs to, with its review, in one query (the hot path of every answer):
 * nothing if the message is not this request's or the request is not this partnership's.
 */
async function loadRequestByMessage(
  deps: CardActionDeps,
  messageId: string,
  requestId: string,
): Promise<{ request: RequestRow; review: ReviewRow; purpose: MessagePurpose } | undefined> {
  const row = await deps.db
    .selectFrom('rapid_review_messages as m')
    .innerJoin('rapid_review_requests as r', 'r.id', 'm.request_id')
    .innerJoin('rapid_reviews as v', 'v.id', 'r.rapid_review_id')
    .selectAll('r')
    .select([
      'm.purpose as m_purpose',
      'v.case_reference as v_case_reference',
      'v.notification_date as v_notification_date',
      'v.category as v_category',
      'v.chair_id as v_chair_id',
      'v.opened_by as v_opened_by',
      'v.opened_on as v_opened_on',
      'v.panel_deadline as v_panel_deadline',
      'v.tracker_message_id as v_tracker_message_id',
      'v.requests_closed_at as v_requests_closed_at',
      'v.requests_closed_by as v_requests_closed_by',
      'v.created_at as v_created_at',
    ])
    .where('m.message_id', '=', messageId)
    .where('r.id', '=', requestId)
    .where('r.partnership_id', '=', deps.partnership.id)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    m_purpose,
    v_case_reference,
    v_notification_date,
    v_category,
    v_chair_id,
    v_opened_by,
    v_opened_on,
    v_panel_deadline,
    v_tracker_message_id,
    v_requests_closed_at,
    v_requests_closed_by,
    v_created_at,
    ...request
  } = row;
  return {
    purpose: m_purpose as MessagePurpose,
    request,
    review: {
      id: request.rapid_review_id,
      partnership_id: request.partnership_id,
      case_reference: v_case_reference,
      notification_date: v_notification_date,
      category: v_category,
      chair_id: v_chair_id,
      opened_by: v_opened_by,
      opened_on: v_opened_on,
      panel_deadline: v_panel_deadline,
      tracker_message_id: v_tracker_message_id,
      requests_closed_at: v_requests_closed_at,
      requests_closed_by: v_requests_closed_by,
      created_at: v_created_at,
    },
  };
}

/**
 * Moves an open request on (draft or submit), writes its audit entry and marks its cards stale (the other
 * copies and the tracker are rewritten from that mark) in one statement, so all three commit together
 * without a round trip per step; the updated row comes back, or nothing if the request was no longer open
 * (a double click, or already answered).
 */
async function updateOpenRequest(
  deps: CardActionDeps,
  requestId: string,
  set: Updateable<RapidReviewRequestsTable>,
  audit: { actor: string; action: string; details: Record<string, string> },
): Promise<RequestRow | undefined> {
  return deps.db
    .with('upd', (qb) =>
      qb
        .updateTable('rapid_review_requests')
        .set(set)
        .where('id', '=', requestId)
        .where('status', 'in', ['awaiting', 'draft'])
        .returningAll(),
    )
    .with('aud', (qb) =>
      qb
        .insertInto('audit_log')
        .columns(['partnership_id', 'actor', 'action', 'subject_type', 'subject_id', 'details'])
        .expression((eb) =>
          eb
            .selectFrom('upd')
            .select([
              sql<string>`${deps.partnership.id}::text`.as('partnership_id'),
              sql<string>`${audit.actor}::text`.as('actor'),
              sql<string>`${audit.action}::text`.as('action'),
              sql<string>`'rapid-review-request'::text`.as('subject_type'),
              'upd.id as subject_id',
              sql<string>`${JSON.stringify(audit.details)}::jsonb`.as('details'),
            ]),
        ),
    )
    .with('mark', (qb) =>
      qb
        .insertInto('rapid_review_card_refreshes')
        .columns(['partnership_id', 'rapid_review_id', 'request_id'])
        .expression((eb) =>
          eb
            .selectFrom('upd')
            .select([
              sql<string>`${deps.partnership.id}::text`.as('partnership_id'),
              'upd.rapid_review_id',
              'upd.id as request_id',
            ]),
        ),
    )
    .selectFrom('upd')
    .selectAll()
    .executeTakeFirst();
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
  const found = await loadRequestByMessage(deps, messageId, requestId);
  if (!found) return notFound('This request no longer exists.');
  const { request, review, purpose } = found;
  if (!canAnswer(req.person, request))
    return forbidden('This request was sent to someone else, so you cannot answer it.');
  if (review.requests_closed_at)
    return conflict(`Requests for ${review.case_reference} are closed, so this can no longer be changed.`);
  return {
    messageId,
    purpose,
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

function statusOf(answers: Answers): 'declined' | 'submitted' {
  return answers.involved === 'no' ? 'declined' : 'submitted';
}

function submittedMessage(status: string): string {
  return status === 'declined'
    ? 'Thank you: recorded as not involved.'
    : 'Thank you: your answer has been submitted.';
}

async function cardNow(deps: CardActionDeps, l: Loaded, person: Person) {
  const request = (await findRequest(deps.db, deps.partnership.id, l.request.id))!;
  return renderRequestCard(deps, l.messageId, l.purpose, l.review, request, person);
}

/** The card's ids when they are well formed and match the link's binding (else the full checks explain). */
function fastRefs(req: Parameters<CardActionHandler>[1]): z.infer<typeof refs> | undefined {
  const parsed = refs.safeParse(req.data);
  if (!parsed.success) return undefined;
  if (req.boundMessageId && req.boundMessageId !== parsed.data.messageId) return undefined;
  return parsed.data;
}

/**
 * Valid input from the addressee or delegate of an open request is stored in one statement (the common case);
 * anything else (or a lost race) falls through to the step-by-step checks below, which say what is wrong.
 */
async function storeFast(
  deps: CardActionDeps,
  req: Parameters<CardActionHandler>[1],
  ids: z.infer<typeof refs>,
  answers: Answers,
  status: string,
  action: string,
) {
  const fast = await storeAnswerIfOpen(deps, {
    ...ids,
    personId: req.person.id,
    answers,
    status,
    now: deps.now(),
    audit: {
      action,
      details: status === 'draft' ? { channel: req.channel } : { channel: req.channel, status },
    },
  });
  if (!fast) return undefined;
  const { purpose, review, request, refreshUserIds } = fast;
  return renderRequestCard(deps, ids.messageId, purpose, review, request, req.person, refreshUserIds);
}

export const saveDraft: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const ids = fastRefs(req);
  const input = ids && parseAnswers(req.data as Record<string, unknown>);
  const fast =
    ids && input && !isActionError(input)
      ? await storeFast(deps, req, ids, input, 'draft', 'rapid-review.request.draft-saved')
      : undefined;
  if (fast) return { kind: 'card', card: fast, message: 'Draft saved.', keepLinkOpen: true };
  const l = await loadForAnswer(deps, req);
  if (isActionError(l)) return l;
  if (isAnswered(l.request))
    return conflict('This request has already been submitted; the draft was not saved.');
  const answers = parseAnswers(l.data);
  if (isActionError(answers)) return answers;
  const saved = await updateOpenRequest(
    deps,
    l.request.id,
    { answers: JSON.stringify(answers), status: 'draft', updated_at: deps.now() },
    { actor: req.person.id, action: 'rapid-review.request.draft-saved', details: { channel: req.channel } },
  );
  if (!saved) return conflict('This request has already been submitted; the draft was not saved.');
  return {
    kind: 'card',
    card: await renderRequestCard(deps, l.messageId, l.purpose, l.review, saved, req.person),
    message: 'Draft saved.',
    keepLinkOpen: true,
  };
};

export const submitAnswer: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  const ids = fastRefs(req);
  const input = ids && parseAnswers(req.data as Record<string, unknown>);
  const fastStatus = input && !isActionError(input) && !missingForSubmit(input) ? statusOf(input) : undefined;
  const fast =
    ids && fastStatus
      ? await storeFast(deps, req, ids, input as Answers, fastStatus, 'rapid-review.request.submitted')
      : undefined;
  if (fast) return { kind: 'card', card: fast, message: submittedMessage(fastStatus!) };
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
  const status = statusOf(answers);
  const now = deps.now();
  const stored = await updateOpenRequest(
    deps,
    l.request.id,
    {
      answers: JSON.stringify(answers),
      status,
      submitted_at: now,
      submitted_by: req.person.id,
      next_reminder_at: null,
      next_reminder_kind: null,
      updated_at: now,
    },
    {
      actor: req.person.id,
      action: 'rapid-review.request.submitted',
      details: { channel: req.channel, status },
    },
  );
  // Only one of two simultaneous submits (a double click) moves the request on; the other shows it as is.
  return {
    kind: 'card',
    card: stored
      ? await renderRequestCard(deps, l.messageId, l.purpose, l.review, stored, req.person)
      : await cardNow(deps, l, req.person),
    message: stored ? submittedMessage(status) : 'This had already been submitted; nothing changed.',
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
    await markCardsStale(trx, deps.partnership.id, l.review.id, l.request.id);
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
  const card = await renderRequestCard(deps, mine.message_id, 'request', review, request, req.person);
  await auditRequestViewed(deps, review, request, req.person, {
    channel: req.channel,
    messageId: mine.message_id,
  });
  return { kind: 'card', card };
};

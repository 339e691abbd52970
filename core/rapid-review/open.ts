import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Partnership, Person } from '../../config/partnership/schema';
import { buildOpenFormCard } from '../../cards/rapid-review';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { CardActionHandler, CardActionResult } from '../actions/types';
import { appendAudit } from '../audit/append';
import { isRealIsoDate } from '../calendar/real-date';
import type { Directory } from '../directory/directory';
import { caseReference } from '../delivery/create-message';
import { fieldProblem } from '../text/field-problem';
import type { Services } from '../services/services';
import { canOpen, runningChairs } from './access';
import { agencyDeadline, nextReminder, panelDeadline } from './deadlines';
import { personChoice } from './format';
import { isUniqueViolation } from '../db/errors';
import { queueSends, recordOutgoing } from './outbox';
import { bad, conflict, forbidden, textInput, type ActionError } from './results';
import { findReviewByReference, inTransaction } from './store';
import { RR_CATEGORIES, RR_KINDS, type RapidReviewCategory } from './types';
import { renderTrackerCard, trackerAudience } from './views';

/** Who can chair a Rapid Review: the running subgroup's chairs first, then scrutineers and the business unit manager. */
export function chairChoices(partnership: Partnership, directory: Directory): string[] {
  const ids = [
    ...runningChairs(partnership),
    ...directory.withRole('scrutineer').map((p) => p.id),
    ...directory.withRole('partnership-chair').map((p) => p.id),
    ...directory.withRole('business-unit-manager').map((p) => p.id),
  ];
  return [...new Set(ids)].filter((id) => directory.person(id));
}

export function openFormCard(s: Services, messageId?: string): AdaptiveCardJson {
  const chairs = chairChoices(s.partnership, s.directory);
  return buildOpenFormCard({
    partnership: s.partnership.shortName,
    messageId,
    today: s.calendar.localDate(s.now()),
    panelWorkingDays: s.partnership.rapidReview.panelDeadlineWorkingDays,
    agencyWorkingDays: s.partnership.rapidReview.agencyResponseWorkingDays,
    categories: RR_CATEGORIES,
    agencyLeads: s.directory
      .withRole('agency-lead')
      .map((p) => personChoice(s.partnership, s.directory, p.id)),
    chairs: chairs.map((id) => personChoice(s.partnership, s.directory, id)),
    defaultChair: chairs[0] ?? '',
  });
}

export interface OpenInput {
  caseReference: string;
  notificationDate: string;
  category: RapidReviewCategory;
  agencyLeads: string[];
  chairId: string;
}

/** Validates the open form; every message names the field and nothing is stored on failure. */
export function parseOpenInput(s: Services, data: Record<string, unknown>): OpenInput | ActionError {
  const ref = textInput(data, 'rr_caseReference').trim().toUpperCase();
  if (!ref) return bad('Case reference: enter the case reference, such as RR-2026-014.');
  const refCheck = caseReference.safeParse(ref);
  if (!refCheck.success) return bad(`Case reference: ${refCheck.error.issues[0]!.message}.`);

  const date = textInput(data, 'rr_notificationDate').trim();
  if (!date) return bad('Notification date: enter the date the serious incident notification was made.');
  if (!isRealIsoDate(date)) return bad('Notification date: expected a real date as YYYY-MM-DD.');
  const today = s.calendar.localDate(s.now());
  if (date > today) return bad('Notification date: cannot be in the future.');
  const yearAgo = new Date(`${today}T00:00:00Z`);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  if (date < yearAgo.toISOString().slice(0, 10)) return bad('Notification date: is more than a year ago.');

  const category = textInput(data, 'rr_category');
  if (!RR_CATEGORIES.some((c) => c.value === category)) return bad('Category: choose death or serious harm.');

  const leads = [
    ...new Set(
      textInput(data, 'rr_agencyLeads')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
  if (leads.length === 0) return bad('Agencies to ask: choose at least one agency lead.');
  if (leads.length > 40) return bad('Agencies to ask: at most 40 at a time.');
  const known = new Set(s.directory.withRole('agency-lead').map((p) => p.id));
  const unknown = leads.find((id) => !known.has(id));
  if (unknown) return bad('Agencies to ask: choose agency leads from the directory list.');

  const chairId = textInput(data, 'rr_chair');
  if (!chairId) return bad('Chair: choose the chair.');
  if (!chairChoices(s.partnership, s.directory).includes(chairId))
    return bad('Chair: choose someone from the list.');
  return {
    caseReference: ref,
    notificationDate: date,
    category: category as RapidReviewCategory,
    agencyLeads: leads,
    chairId,
  };
}

/** Opens the review: the review, a request per agency lead and the tracker, recorded together, then sent. */
export async function openRapidReview(
  s: Services,
  person: Person,
  input: OpenInput,
  channel: 'teams' | 'web',
): Promise<{ reviewId: string; trackerMessageId: string } | ActionError> {
  const now = s.now();
  const today = s.calendar.localDate(now);
  const rr = s.partnership.rapidReview;
  const reviewId = randomUUID();
  try {
    const { messageIds, trackerMessageId } = await inTransaction(s.db, async (trx) => {
      if (await findReviewByReference(trx, s.partnership.id, input.caseReference))
        return { messageIds: [], trackerMessageId: '' };
      await trx
        .insertInto('rapid_reviews')
        .values({
          id: reviewId,
          partnership_id: s.partnership.id,
          case_reference: input.caseReference,
          notification_date: input.notificationDate,
          category: input.category,
          chair_id: input.chairId,
          opened_by: person.id,
          opened_on: today,
          panel_deadline: panelDeadline(s.calendar, input.notificationDate, rr.panelDeadlineWorkingDays),
          tracker_message_id: null,
          requests_closed_at: null,
          requests_closed_by: null,
          created_at: now,
        })
        .execute();
      const ids: string[] = [];
      for (const lead of input.agencyLeads)
        ids.push(await addRequest(s, trx, reviewId, lead, person.id, now));
      const review = { chair_id: input.chairId, opened_by: person.id } as const;
      const trackerId = await recordOutgoing(
        trx,
        {
          rapidReviewId: reviewId,
          purpose: 'tracker',
          recipients: trackerAudience(s, review),
          createdBy: person.id,
        },
        now,
      );
      await trx
        .updateTable('rapid_reviews')
        .set({ tracker_message_id: trackerId })
        .where('id', '=', reviewId)
        .execute();
      await appendAudit(trx, {
        partnershipId: s.partnership.id,
        actor: person.id,
        action: 'rapid-review.opened',
        subjectType: 'rapid-review',
        subjectId: reviewId,
        details: { caseReference: input.caseReference, requests: input.agencyLeads.length, channel },
      });
      return { messageIds: [trackerId, ...ids], trackerMessageId: trackerId };
    });
    if (!trackerMessageId)
      return conflict(`Case reference: a Rapid Review for ${input.caseReference} already exists.`);
    await queueSends(s, messageIds);
    return { reviewId, trackerMessageId };
  } catch (e) {
    if (isUniqueViolation(e))
      return conflict(`Case reference: a Rapid Review for ${input.caseReference} already exists.`);
    throw e;
  }
}

/** One agency's request, with its deadline and first reminder, and its message in the outbox. */
export async function addRequest(
  s: Services,
  trx: Services['db'],
  reviewId: string,
  leadId: string,
  createdBy: string,
  now: Date,
): Promise<string> {
  const lead = s.directory.person(leadId)!;
  const today = s.calendar.localDate(now);
  const deadline = agencyDeadline(s.calendar, today, s.partnership.rapidReview.agencyResponseWorkingDays);
  const next = nextReminder(s.calendar, today, deadline, now);
  const requestId = randomUUID();
  await trx
    .insertInto('rapid_review_requests')
    .values({
      id: requestId,
      rapid_review_id: reviewId,
      partnership_id: s.partnership.id,
      agency_id: lead.agency,
      addressee_id: lead.id,
      delegate_id: null,
      status: 'awaiting',
      requested_on: today,
      deadline,
      extension_reason: null,
      answers: null,
      submitted_at: null,
      submitted_by: null,
      overdue_at: null,
      next_reminder_at: next?.at ?? null,
      next_reminder_kind: next?.kind ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return recordOutgoing(
    trx,
    { rapidReviewId: reviewId, requestId, purpose: 'request', recipients: [lead.id], createdBy },
    now,
  );
}

const messageRef = 'expected the id of the message this form came in';
const openData = z.looseObject(
  {
    messageId: z.union([z.uuid({ message: messageRef }), z.literal('')], { message: messageRef }).optional(),
  },
  { message: 'expected the fields of the form' },
);

/** The open form's button, from Teams or from the emailed form. */
export const openAction: CardActionHandler = async (deps, req): Promise<CardActionResult> => {
  if (!canOpen(deps.partnership, req.person))
    return forbidden(
      `Only the business unit or a chair of ${deps.partnership.rapidReview.runBy} can open a Rapid Review.`,
    );
  const refs = openData.safeParse(req.data);
  if (!refs.success) return bad(fieldProblem(refs.error, { messageId: 'Message reference' }, 'Form'));
  const messageId = refs.data.messageId || undefined;
  if (req.boundMessageId) {
    if (messageId !== req.boundMessageId) return forbidden('This link is for a different message.');
  }
  if (messageId) {
    const m = await deps.db
      .selectFrom('messages')
      .select(['kind', 'created_by'])
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!m || m.kind !== RR_KINDS.openForm || m.created_by !== req.person.id)
      return forbidden('This form was sent to someone else.');
  }
  const input = parseOpenInput(deps, refs.data);
  if ('kind' in input) return input;
  const opened = await openRapidReview(deps, req.person, input, req.channel);
  if ('kind' in opened) return opened;
  const review = (await findReviewByReference(deps.db, deps.partnership.id, input.caseReference))!;
  return {
    kind: 'card',
    card: await renderTrackerCard(deps, review, req.person),
    message: `Rapid Review ${input.caseReference} opened: ${input.agencyLeads.length} request(s) on their way.`,
  };
};

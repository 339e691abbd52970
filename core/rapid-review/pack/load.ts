import { z } from 'zod';
import type { Person } from '../../../config/partnership/schema';
import type { Services } from '../../services/services';
import { agencyName, formatDate, formatInstant, personName } from '../format';
import { displayStatus, isAnswered, statusLabel } from '../status';
import { deliveredRequestIds, findDecision, recommendationsOf, requestsOf, type ReviewRow } from '../store';
import { RR_CATEGORIES, RR_OUTCOMES, type Answers } from '../types';
import { answerLines } from '../views';
import { buildTimeline } from './timeline';
import type { SubmissionPack } from './types';

/** `extendedAt` is the business clock's instant; entries written before it was recorded lack it. */
const extensionDetails = z.object({
  from: z.string(),
  to: z.string(),
  extendedAt: z.string().datetime().optional(),
});

function titleOf(choices: ReadonlyArray<{ value: string; title: string }>, v: string): string {
  return choices.find((c) => c.value === v)?.title ?? v;
}

/**
 * Loads everything the pack shows from the review's tables and the audit log. Audit entries are stamped
 * by the database clock; they are put on the business clock (which a local run may start elsewhere) by
 * the offset between the review's opening row and its `rapid-review.opened` audit entry.
 */
export async function loadSubmissionPack(
  s: Services,
  review: ReviewRow,
  reader: Person,
): Promise<SubmissionPack> {
  const tz = s.partnership.timeZone;
  const name = (id: string) => personName(s.directory, id);
  const when = (at: Date) => formatInstant(at, tz);
  const [requests, delivered, decision, recommendations, messages] = await Promise.all([
    requestsOf(s.db, review.id),
    deliveredRequestIds(s.db, review.id),
    findDecision(s.db, review.id),
    recommendationsOf(s.db, review.id),
    s.db
      .selectFrom('rapid_review_messages')
      .select(['request_id', 'purpose', 'recipients', 'sent_at', 'skipped', 'created_at'])
      .where('rapid_review_id', '=', review.id)
      .where('request_id', 'is not', null)
      .orderBy('created_at')
      .execute(),
  ]);
  const audit = await s.db
    .selectFrom('audit_log')
    .select(['at', 'action', 'actor', 'subject_id', 'details'])
    .where('partnership_id', '=', s.partnership.id)
    .where('subject_type', 'in', ['rapid-review', 'rapid-review-request'])
    .where('subject_id', 'in', [review.id, ...requests.map((r) => r.id)])
    .where('action', 'in', ['rapid-review.opened', 'rapid-review.deadline-extended'])
    .orderBy('id')
    .execute();
  const byId = new Map(requests.map((r) => [r.id, r]));
  const agencyOf = (requestId: string | null) => {
    const r = requestId ? byId.get(requestId) : undefined;
    return r ? agencyName(s.partnership, r.agency_id) : 'an agency';
  };
  const openedEntry = audit.find((a) => a.action === 'rapid-review.opened' && a.subject_id === review.id);
  const offset = openedEntry ? review.created_at.getTime() - openedEntry.at.getTime() : 0;
  const extensions = audit.flatMap((a) => {
    const details = extensionDetails.safeParse(a.details);
    if (a.action !== 'rapid-review.deadline-extended' || !byId.has(a.subject_id) || !details.success)
      return [];
    return [
      {
        at: details.data.extendedAt ? new Date(details.data.extendedAt) : new Date(a.at.getTime() + offset),
        agency: agencyOf(a.subject_id),
        from: details.data.from,
        to: details.data.to,
        by: name(a.actor),
      },
    ];
  });
  const today = s.calendar.localDate(s.now());
  const closed = review.requests_closed_at !== null;
  const answered = requests.filter(isAnswered).length;
  const categoryLabel = (id: string) =>
    s.partnership.routing.categories.find((c) => c.id === id)?.label ?? id;

  return {
    partnership: s.partnership.name,
    caseReference: review.case_reference,
    category: titleOf(RR_CATEGORIES, review.category),
    notificationDate: formatDate(review.notification_date),
    panelDeadline: formatDate(review.panel_deadline),
    chair: name(review.chair_id),
    openedBy: name(review.opened_by),
    requestsState: `${answered} of ${requests.length} answered${closed ? '; requests closed' : ''}`,
    preparedAt: when(s.now()),
    preparedFor: reader.displayName,
    timeline: buildTimeline({
      timeZone: tz,
      notificationDate: review.notification_date,
      opened: { at: review.created_at, by: name(review.opened_by), panelDeadline: review.panel_deadline },
      messages: messages.map((m) => ({
        at: m.sent_at ?? m.created_at,
        agency: agencyOf(m.request_id),
        purpose: m.purpose,
        recipients: m.recipients.map(name),
        sent: m.sent_at !== null,
        skipped: m.skipped !== null,
      })),
      answers: requests
        .filter((r) => isAnswered(r) && r.submitted_at)
        .map((r) => ({
          at: r.submitted_at!,
          agency: agencyName(s.partnership, r.agency_id),
          by: name(r.submitted_by ?? r.addressee_id),
          declined: r.status === 'declined',
        })),
      extensions,
      overdue: requests
        .filter((r) => r.overdue_at)
        .map((r) => ({ at: r.overdue_at!, agency: agencyName(s.partnership, r.agency_id) })),
      closed:
        review.requests_closed_at && review.requests_closed_by
          ? { at: review.requests_closed_at, by: name(review.requests_closed_by) }
          : undefined,
      decision: decision
        ? {
            at: decision.decided_at,
            by: name(decision.decided_by),
            outcome: titleOf(RR_OUTCOMES, decision.outcome),
            recommendations: recommendations.length,
          }
        : undefined,
      formatDate,
      formatInstant: when,
    }),
    agencies: requests.map((r) => ({
      agency: agencyName(s.partnership, r.agency_id),
      lead: name(r.addressee_id),
      delegate: r.delegate_id ? name(r.delegate_id) : undefined,
      status: statusLabel(displayStatus(r, { delivered: delivered.has(r.id), today, closed })),
      requestedOn: formatDate(r.requested_on),
      deadline: formatDate(r.deadline),
      extensionReason: r.extension_reason ?? undefined,
      submitted:
        isAnswered(r) && r.submitted_at
          ? `${when(r.submitted_at)} by ${name(r.submitted_by ?? r.addressee_id)}`
          : undefined,
      answers: isAnswered(r) ? answerLines((r.answers ?? {}) as Answers) : [],
    })),
    decision: decision
      ? {
          outcome: titleOf(RR_OUTCOMES, decision.outcome),
          decidedBy: name(decision.decided_by),
          decidedAt: when(decision.decided_at),
          learning: decision.learning,
        }
      : undefined,
    recommendations: recommendations.map((r) => ({ category: categoryLabel(r.category), text: r.text })),
  };
}

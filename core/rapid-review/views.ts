import type { AdaptiveCardJson } from '../../cards/expand';
import {
  buildRequestFormCard,
  buildRequestSummaryCard,
  buildTrackerCard,
  type Fact,
  type TrackerRow,
} from '../../cards/rapid-review';
import { CARD_REFRESH_VERB as REFRESH_VERB } from '../../cards/rapid-review/verbs';
import type { Person } from '../../config/partnership/schema';
import type { CardView } from '../actions/types';
import { appendAudit } from '../audit/append';
import type { Services } from '../services/services';
import { canAnswer, canManage, canRead, isBusinessUnit } from './access';
import { describeDaysLeft, workingDaysLeft } from './deadlines';
import { agencyName, formatDate, formatInstant, personChoice, personName } from './format';
import { packLinksFor } from './pack/links';
import { displayStatus, isAnswered, statusColour, statusLabel } from './status';
import {
  deliveredRequestIds,
  findDecision,
  findRequest,
  findReview,
  findRrMessage,
  recommendationsOf,
  requestsOf,
  type RequestRow,
  type ReviewRow,
} from './store';
import { teamsUserIds } from './teams-users';
import {
  ANSWER_FIELD_NAMES,
  ANSWER_FIELDS,
  CSPR_CHOICES,
  INVOLVED_CHOICES,
  RR_CATEGORIES,
  RR_OUTCOMES,
  type Answers,
  type MessagePurpose,
} from './types';

export const DECISION_SLOTS = 5;

const BANNERS: Partial<Record<MessagePurpose, (deadline: string) => string>> = {
  'reminder-before': (d) => `Reminder: this request is due tomorrow, ${d}.`,
  'reminder-on-day': (d) => `Reminder: this request is due today, ${d}.`,
  chase: (d) => `The business unit is chasing this request (due ${d}).`,
};

function answersOf(r: RequestRow): Answers {
  return (r.answers ?? {}) as Answers;
}

function choiceTitle(choices: ReadonlyArray<{ value: string; title: string }>, v: string): string {
  return choices.find((c) => c.value === v)?.title ?? v;
}

/** Answers as label/value pairs for the read-only summary, in form order, empty fields left out. */
export function answerLines(a: Answers): Array<{ label: string; value: string }> {
  return ANSWER_FIELD_NAMES.filter((f) => (a[f] ?? '') !== '').map((f) => {
    const raw = a[f]!;
    const value =
      f === 'involved'
        ? choiceTitle(INVOLVED_CHOICES, raw)
        : f === 'csprView'
          ? choiceTitle(CSPR_CHOICES, raw)
          : raw;
    return { label: ANSWER_FIELDS[f].label, value };
  });
}

function requestNotes(s: Services, r: RequestRow, viewer: Person, review: ReviewRow): Fact[] {
  const notes: Fact[] = [];
  if (r.delegate_id) {
    notes.push(
      viewer.id === r.delegate_id
        ? { title: 'Delegated', value: `to you by ${personName(s.directory, r.addressee_id)}` }
        : { title: 'Delegated', value: `to ${personName(s.directory, r.delegate_id)}` },
    );
  }
  if (r.extension_reason) notes.push({ title: 'Deadline extended', value: r.extension_reason });
  if (r.submitted_at && r.submitted_by)
    notes.push({
      title: 'Submitted',
      value: `${formatInstant(r.submitted_at, s.partnership.timeZone)} by ${personName(s.directory, r.submitted_by)}`,
    });
  if (review.requests_closed_at && !isAnswered(r))
    notes.push({ title: 'Closed', value: formatInstant(review.requests_closed_at, s.partnership.timeZone) });
  return notes;
}

/**
 * Whether renderRequestCard shows this viewer answer content: the submitted answer, or a saved draft in the
 * open form. Status, notes and an empty form are not answers.
 */
export function showsAnswers(review: ReviewRow, r: RequestRow, viewer: Person): boolean {
  if (!canAnswer(viewer, r)) return false;
  if (isAnswered(r)) return true;
  return review.requests_closed_at === null && Object.values(answersOf(r)).some((v) => (v ?? '') !== '');
}

/**
 * A person was shown a request's answers or draft in Teams (the emailed link audits `form.opened`): one
 * audit row, ids and codes only. Not for the answer's own save or submit, which audit the change.
 */
export async function auditRequestViewed(
  s: Services,
  review: ReviewRow,
  r: RequestRow,
  viewer: Person,
  details: { channel: 'teams' | 'web'; messageId: string },
): Promise<void> {
  if (!showsAnswers(review, r, viewer)) return;
  await appendAudit(s.db, {
    partnershipId: s.partnership.id,
    actor: viewer.id,
    action: 'rapid-review.request.viewed',
    subjectType: 'rapid-review-request',
    subjectId: r.id,
    details: { ...details, status: r.status },
  });
}

/** Colleagues the addressee may delegate to: others in their agency. */
export function colleaguesOf(s: Services, addresseeId: string): Person[] {
  const me = s.directory.person(addresseeId);
  if (!me) return [];
  return s.partnership.people.filter((p) => p.agency === me.agency && p.id !== me.id);
}

/**
 * The request card for one viewer: the form (with any draft) for the addressee or delegate while open;
 * a read-only summary once answered or closed; status only for anyone else.
 */
export async function renderRequestCard(
  s: Services,
  messageId: string,
  purpose: MessagePurpose,
  review: ReviewRow,
  r: RequestRow,
  viewer: Person,
  /** The refresh's Teams user ids when the caller already has them (the answer path loads them with the request). */
  refreshUserIds?: string[],
): Promise<AdaptiveCardJson> {
  const today = s.calendar.localDate(s.now());
  const closed = review.requests_closed_at !== null;
  const status = displayStatus(r, { delivered: true, today, closed });
  const common = {
    partnership: s.partnership.shortName,
    messageId,
    requestId: r.id,
    caseReference: review.case_reference,
    agency: agencyName(s.partnership, r.agency_id),
    deadline: formatDate(r.deadline),
    status: statusLabel(status),
    notes: requestNotes(s, r, viewer, review),
    refresh: {
      verb: REFRESH_VERB,
      messageId,
      userIds:
        refreshUserIds ??
        (await teamsUserIds(
          s.db,
          s.partnership.id,
          [r.addressee_id, r.delegate_id].filter((x): x is string => !!x),
        )),
    },
  };
  const mine = canAnswer(viewer, r);
  if (mine && !closed && !isAnswered(r)) {
    const answers = answersOf(r);
    const banner = BANNERS[purpose]?.(formatDate(r.deadline)) ?? '';
    return buildRequestFormCard({
      ...common,
      daysLeft: describeDaysLeft(workingDaysLeft(s.calendar, today, r.deadline)),
      banner,
      answers: Object.fromEntries(ANSWER_FIELD_NAMES.map((f) => [f, answers[f] ?? ''])),
      involvedChoices: INVOLVED_CHOICES,
      csprChoices: CSPR_CHOICES,
      colleagues:
        viewer.id === r.addressee_id
          ? colleaguesOf(s, r.addressee_id).map((p) => personChoice(s.partnership, s.directory, p.id))
          : [],
    });
  }
  return buildRequestSummaryCard({
    ...common,
    title: mine
      ? isAnswered(r)
        ? 'Your answer for the Rapid Review'
        : 'Rapid Review information request (closed)'
      : 'Rapid Review information request',
    answers: mine && isAnswered(r) ? answerLines(answersOf(r)) : [],
    backTo: '',
    rapidReviewId: review.id,
  });
}

/** The chair's read-only view of one agency's answer, with the way back to the tracker. */
export function renderAnswerForReader(
  s: Services,
  review: ReviewRow,
  r: RequestRow,
  viewer: Person,
): AdaptiveCardJson {
  const today = s.calendar.localDate(s.now());
  const status = displayStatus(r, { delivered: true, today, closed: review.requests_closed_at !== null });
  return buildRequestSummaryCard({
    partnership: s.partnership.shortName,
    messageId: review.tracker_message_id ?? '',
    requestId: r.id,
    caseReference: review.case_reference,
    agency: agencyName(s.partnership, r.agency_id),
    deadline: formatDate(r.deadline),
    status: statusLabel(status),
    notes: requestNotes(s, r, viewer, review),
    title: `Answer from ${personName(s.directory, r.submitted_by ?? r.addressee_id)}`,
    answers: answerLines(answersOf(r)),
    backTo: review.tracker_message_id ?? '',
    rapidReviewId: review.id,
  });
}

/** Agency leads not yet asked for this review. */
export function leadsNotAsked(s: Services, requests: RequestRow[]): Person[] {
  const asked = new Set(requests.map((r) => r.addressee_id));
  return s.directory.withRole('agency-lead').filter((p) => !asked.has(p.id));
}

/** Who receives the tracker and sees it refresh by itself: the chair and the business unit. */
export function trackerAudience(s: Services, review: Pick<ReviewRow, 'chair_id' | 'opened_by'>): string[] {
  const bu = s.partnership.people.filter(isBusinessUnit).map((p) => p.id);
  return [...new Set([review.chair_id, review.opened_by, ...bu])];
}

/**
 * The tracker as one viewer sees it: buttons only for those who manage the review, and the viewer's own signed
 * links to the submission pack when they may read it (`packLinks: false` for a copy that is stored, where
 * anyone reading the database could use them).
 */
export async function renderTrackerCard(
  s: Services,
  review: ReviewRow,
  viewer: Person,
  opts: { packLinks?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const today = s.calendar.localDate(s.now());
  const requests = await requestsOf(s.db, review.id);
  const delivered = await deliveredRequestIds(s.db, review.id);
  const decision = await findDecision(s.db, review.id);
  const recommendations = decision ? await recommendationsOf(s.db, review.id) : [];
  const closed = review.requests_closed_at !== null;
  const messageId = review.tracker_message_id ?? '';
  const rows: TrackerRow[] = requests.map((r) => {
    const st = displayStatus(r, { delivered: delivered.has(r.id), today, closed });
    return {
      requestId: r.id,
      agency: agencyName(s.partnership, r.agency_id),
      person: personName(s.directory, r.delegate_id ?? r.addressee_id),
      status: statusLabel(st),
      colour: statusColour(st),
      deadline: formatDate(r.deadline),
      daysLeft: isAnswered(r) ? 'answered' : describeDaysLeft(workingDaysLeft(s.calendar, today, r.deadline)),
      canView: isAnswered(r),
    };
  });
  const answered = requests.filter(isAnswered).length;
  const decisionFacts: Fact[] = decision
    ? [
        { title: 'Decision', value: choiceTitle(RR_OUTCOMES, decision.outcome) },
        { title: 'Decided', value: formatInstant(decision.decided_at, s.partnership.timeZone) },
        { title: 'Recommendations', value: String(recommendations.length) },
      ]
    : [];
  return buildTrackerCard({
    partnership: s.partnership.shortName,
    messageId,
    rapidReviewId: review.id,
    caseReference: review.case_reference,
    category: choiceTitle(RR_CATEGORIES, review.category),
    notificationDate: formatDate(review.notification_date),
    chair: personName(s.directory, review.chair_id),
    panelDeadline: formatDate(review.panel_deadline),
    panelDaysLeft: describeDaysLeft(workingDaysLeft(s.calendar, today, review.panel_deadline)),
    requestsState: `${answered} of ${requests.length} answered${closed ? '; requests closed' : ''}`,
    decisionFacts,
    rows,
    canManage: canManage(viewer, review),
    open: !closed,
    canDecide: !decision || decision.outcome === 'more-information',
    today,
    newLeads: leadsNotAsked(s, requests).map((p) => personChoice(s.partnership, s.directory, p.id)),
    openRequests: requests
      .filter((r) => !isAnswered(r))
      .map((r) => ({
        title: `${agencyName(s.partnership, r.agency_id)} (due ${formatDate(r.deadline)})`,
        value: r.id,
      })),
    decision: {
      outcomes: RR_OUTCOMES,
      categories: s.partnership.routing.categories.map((c) => ({ title: c.label, value: c.id })),
      slots: DECISION_SLOTS,
    },
    pack: opts.packLinks === false ? undefined : packLinksFor(s, review, viewer),
    refresh: messageId
      ? {
          verb: REFRESH_VERB,
          messageId,
          userIds: await teamsUserIds(s.db, s.partnership.id, trackerAudience(s, review)),
        }
      : undefined,
  });
}

/**
 * CardView for request messages (and their delegated, reminder and chase copies). A card the person asked
 * for in Teams (opening it refreshes it) that shows them answers is audited. Cards a job pushes to them are
 * not views; the web form's page audits its own opening (`form.opened`).
 */
export const requestView: CardView = async (s, { messageId, person, channel, requested }) => {
  const m = await findRrMessage(s.db, messageId);
  if (!m?.request_id) return undefined;
  const r = await findRequest(s.db, s.partnership.id, m.request_id);
  const review = r && (await findReview(s.db, s.partnership.id, r.rapid_review_id));
  if (!r || !review) return undefined;
  const card = await renderRequestCard(s, messageId, m.purpose as MessagePurpose, review, r, person);
  if (requested && channel === 'teams')
    await auditRequestViewed(s, review, r, person, { channel, messageId });
  return card;
};

/** CardView for the tracker: the tracker for those who may read it, status only for anyone else. */
export const trackerView: CardView = async (s, { messageId, person }) => {
  const m = await findRrMessage(s.db, messageId);
  const review = m && (await findReview(s.db, s.partnership.id, m.rapid_review_id));
  if (!review) return undefined;
  if (canRead(person, review)) return renderTrackerCard(s, review, person);
  return buildRequestSummaryCard({
    partnership: s.partnership.shortName,
    messageId,
    requestId: '',
    caseReference: review.case_reference,
    agency: 'Not shown',
    deadline: formatDate(review.panel_deadline),
    status: 'Only the chair, the business unit and the Independent Scrutineer can see this tracker.',
    notes: [],
    title: 'Rapid Review tracker',
    answers: [],
    backTo: '',
    rapidReviewId: review.id,
  });
};

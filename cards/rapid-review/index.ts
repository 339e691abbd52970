import openTemplate from './open-form.template.json';
import requestTemplate from './request-form.template.json';
import summaryTemplate from './request-summary.template.json';
import trackerTemplate from './tracker.template.json';
import decisionTemplate from './decision-form.template.json';
import myRequestsTemplate from './my-requests.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { BOOK_MEETING_VERB } from '../meeting/verbs';
import { requestFormCard, requestSummaryCard } from './request-cards';
import { RR_VERBS } from './verbs';

export { RR_VERBS } from './verbs';

export interface Choice {
  title: string;
  value: string;
}
export interface Fact {
  title: string;
  value: string;
}

/** Teams asks the bot for the card as each viewer should see it (Action.Execute refresh). */
export interface CardRefresh {
  verb: string;
  messageId: string;
  /** Teams user ids (at most 60) for whom Teams refreshes automatically. */
  userIds: string[];
}

function withRefresh(card: AdaptiveCardJson, refresh: CardRefresh | undefined): AdaptiveCardJson {
  if (!refresh) return card;
  const userIds = refresh.userIds.slice(0, 60);
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb: refresh.verb, data: { messageId: refresh.messageId } },
      ...(userIds.length > 0 ? { userIds } : {}),
    },
  };
}

export interface OpenFormCardData {
  partnership: string;
  /** Set when the form was sent as a message (email), so its web link is bound to it. */
  messageId?: string;
  today: string;
  panelWorkingDays: number;
  agencyWorkingDays: number;
  categories: readonly Choice[];
  agencyLeads: Choice[];
  chairs: Choice[];
  defaultChair: string;
}

/** `rapid review new`: case reference, notification date, category, agency leads and chair. */
export function buildOpenFormCard(d: OpenFormCardData): AdaptiveCardJson {
  return expandCard(openTemplate, { ...d, messageId: d.messageId ?? '', verb: RR_VERBS.open });
}

export interface RequestCardCommon {
  partnership: string;
  messageId: string;
  requestId: string;
  caseReference: string;
  agency: string;
  deadline: string;
  status: string;
  /** Delegation, extension and closing notes shown as facts. */
  notes: Fact[];
  refresh?: CardRefresh;
}

export interface RequestFormCardData extends RequestCardCommon {
  daysLeft: string;
  /** A reminder or chase line at the top, or ''. */
  banner: string;
  answers: Record<string, string>;
  involvedChoices: readonly Choice[];
  csprChoices: readonly Choice[];
  /** People the addressee may delegate to; empty hides the button. */
  colleagues: Choice[];
}

/** The information request as its addressee (or delegate) sees it: the form, with any saved draft. */
export function buildRequestFormCard(d: RequestFormCardData): AdaptiveCardJson {
  const { refresh, ...data } = d;
  return withRefresh(requestFormCard({ ...data, verbs: RR_VERBS }), refresh);
}

/** The request form expanded from its template: what buildRequestFormCard must give (compared in tests). */
export function expandRequestFormTemplate(d: RequestFormCardData): AdaptiveCardJson {
  const { refresh, ...data } = d;
  return withRefresh(expandCard(requestTemplate, { ...data, verbs: RR_VERBS }), refresh);
}

export interface RequestSummaryCardData extends RequestCardCommon {
  title: string;
  /** The answers, shown only to people entitled to them; empty for a status-only view. */
  answers: Array<{ label: string; value: string }>;
  /** The tracker message to go back to (chair's view), or ''. */
  backTo: string;
  rapidReviewId: string;
}

/** Read-only: the addressee's submitted answer, the chair's view of an answer, or status only for others. */
export function buildRequestSummaryCard(d: RequestSummaryCardData): AdaptiveCardJson {
  const { refresh, ...data } = d;
  return withRefresh(requestSummaryCard({ ...data, backVerb: RR_VERBS.showTracker }), refresh);
}

/** The summary expanded from its template: what buildRequestSummaryCard must give (compared in tests). */
export function expandRequestSummaryTemplate(d: RequestSummaryCardData): AdaptiveCardJson {
  const { refresh, ...data } = d;
  return withRefresh(expandCard(summaryTemplate, { ...data, backVerb: RR_VERBS.showTracker }), refresh);
}

export interface DecisionFormCardData {
  messageId: string;
  rapidReviewId: string;
  caseReference: string;
  outcomes: readonly Choice[];
  /** Routing categories from the partnership file. */
  categories: Choice[];
  /** How many recommendation rows. */
  slots: number;
}

/** The chair's decision after the review meeting: outcome, learning, recommendations with categories. */
export function buildDecisionFormCard(d: DecisionFormCardData): AdaptiveCardJson {
  return expandCard(decisionTemplate, {
    ...d,
    slots: Array.from({ length: d.slots }, (_, i) => ({ n: i + 1 })),
    verb: RR_VERBS.decide,
  });
}

export interface TrackerRow {
  requestId: string;
  agency: string;
  person: string;
  status: string;
  colour: 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';
  deadline: string;
  daysLeft: string;
  canView: boolean;
}

export interface TrackerCardData {
  partnership: string;
  messageId: string;
  rapidReviewId: string;
  caseReference: string;
  category: string;
  notificationDate: string;
  chair: string;
  panelDeadline: string;
  panelDaysLeft: string;
  requestsState: string;
  decisionFacts: Fact[];
  rows: TrackerRow[];
  canManage: boolean;
  open: boolean;
  canDecide: boolean;
  today: string;
  newLeads: Choice[];
  openRequests: Choice[];
  decision: Omit<DecisionFormCardData, 'messageId' | 'rapidReviewId' | 'caseReference'>;
  /** Signed links to the submission pack for this viewer (HTML and Markdown); absent hides the buttons. */
  pack?: { html: string; markdown: string };
  refresh?: CardRefresh;
}

/** The chair's and business unit's tracker: every agency's status, both deadlines, and what to do next. */
export function buildTrackerCard(d: TrackerCardData): AdaptiveCardJson {
  const { refresh, decision, pack, ...data } = d;
  const decisionCard = buildDecisionFormCard({
    ...decision,
    messageId: d.messageId,
    rapidReviewId: d.rapidReviewId,
    caseReference: d.caseReference,
  });
  // A card nested in Action.ShowCard carries no version or schema of its own.
  const { version: _v, $schema: _s, ...nested } = decisionCard;
  const card = expandCard(trackerTemplate, {
    ...data,
    decisionCard: nested,
    packUrl: pack?.html ?? '',
    packMarkdownUrl: pack?.markdown ?? '',
    verbs: RR_VERBS,
    bookMeetingVerb: BOOK_MEETING_VERB,
  });
  return withRefresh(card, refresh);
}

export interface MyRequestRow {
  requestId: string;
  caseReference: string;
  agency: string;
  status: string;
  colour: TrackerRow['colour'];
  deadline: string;
  daysLeft: string;
}

/** `my requests`: the requests sent or delegated to the person, each with a button to open it. */
export function buildMyRequestsCard(d: { partnership: string; rows: MyRequestRow[] }): AdaptiveCardJson {
  return expandCard(myRequestsTemplate, { ...d, verb: RR_VERBS.showRequest });
}

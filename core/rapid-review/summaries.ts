import type { MyRequestRow } from '../../cards/rapid-review';
import type { Person } from '../../config/partnership/schema';
import type { Services } from '../services/services';
import { escapeHtml } from '../text/escape-html';
import { describeDaysLeft, workingDaysLeft } from './deadlines';
import { agencyName, formatDate, personName } from './format';
import { displayStatus, isAnswered, statusColour, statusLabel } from './status';
import { deliveredRequestIds, requestsOf, type ReviewRow } from './store';

/** The requests sent or delegated to a person, open reviews first, newest first. */
export async function myRequests(s: Services, person: Person): Promise<MyRequestRow[]> {
  const rows = await s.db
    .selectFrom('rapid_review_requests as r')
    .innerJoin('rapid_reviews as v', 'v.id', 'r.rapid_review_id')
    .select(['r.id', 'r.status', 'r.deadline', 'r.agency_id', 'v.case_reference', 'v.requests_closed_at'])
    .where('r.partnership_id', '=', s.partnership.id)
    .where((eb) => eb.or([eb('r.addressee_id', '=', person.id), eb('r.delegate_id', '=', person.id)]))
    .orderBy('v.requests_closed_at', (o) => o.desc().nullsFirst())
    .orderBy('r.created_at', 'desc')
    .limit(20)
    .execute();
  const today = s.calendar.localDate(s.now());
  return rows.map((r) => {
    const st = displayStatus(r, { delivered: true, today, closed: r.requests_closed_at !== null });
    return {
      requestId: r.id,
      caseReference: r.case_reference,
      agency: agencyName(s.partnership, r.agency_id),
      status: statusLabel(st),
      colour: statusColour(st),
      deadline: formatDate(r.deadline),
      daysLeft: isAnswered(r) ? 'answered' : describeDaysLeft(workingDaysLeft(s.calendar, today, r.deadline)),
    };
  });
}

/** The tracker as HTML for the email channel (no cards there): statuses and deadlines, no answers. */
export async function trackerHtml(s: Services, review: ReviewRow): Promise<string> {
  const today = s.calendar.localDate(s.now());
  const requests = await requestsOf(s.db, review.id);
  const delivered = await deliveredRequestIds(s.db, review.id);
  const closed = review.requests_closed_at !== null;
  const rows = requests.map((r) => {
    const st = displayStatus(r, { delivered: delivered.has(r.id), today, closed });
    const left = isAnswered(r)
      ? 'answered'
      : describeDaysLeft(workingDaysLeft(s.calendar, today, r.deadline));
    return (
      `<tr><td>${escapeHtml(agencyName(s.partnership, r.agency_id))}</td>` +
      `<td>${escapeHtml(personName(s.directory, r.delegate_id ?? r.addressee_id))}</td>` +
      `<td>${escapeHtml(statusLabel(st))}</td><td>${escapeHtml(formatDate(r.deadline))} (${escapeHtml(left)})</td></tr>`
    );
  });
  const panelLeft = describeDaysLeft(workingDaysLeft(s.calendar, today, review.panel_deadline));
  return (
    `<p><b>Rapid Review ${escapeHtml(review.case_reference)}</b></p>` +
    `<p>Panel deadline: ${escapeHtml(formatDate(review.panel_deadline))} (${escapeHtml(panelLeft)})` +
    `${closed ? '. Requests closed.' : ''}</p>` +
    '<table><tr><th>Agency</th><th>Lead</th><th>Status</th><th>Answer by</th></tr>' +
    `${rows.join('')}</table>`
  );
}

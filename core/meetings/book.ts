import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append';
import { refreshDeliveredCards, sendMessage } from '../delivery/send-message';
import type { EventAttendee } from '../graph/calendar';
import { escapeHtml } from '../text/escape-html';
import { exclusively } from './exclusive';
import { retryable, RetryLater, type MeetingJobDeps } from './find';
import { CONFIRMATION_KIND, showRequestToChair } from './notify';
import { confirmationCard } from './render';
import { loadMeeting, loadRequest, meetingSubject, meetingsOfRequest, type MeetingRequestRow } from './rows';

async function finish(
  s: MeetingJobDeps,
  r: MeetingRequestRow,
  status: 'booked' | 'failed',
  code: string | null,
) {
  await s.db
    .updateTable('meeting_requests')
    .set({ status, problem_code: code, updated_at: s.now() })
    .where('id', '=', r.id)
    .execute();
  const fresh = await loadRequest(s.db, s.partnership.id, r.id);
  if (fresh) await showRequestToChair(s, fresh);
}

/** Sends the confirmation card (time and join link) to the chair and every attendee. */
async function confirm(s: MeetingJobDeps, r: MeetingRequestRow, meetingIds: string[], moved: boolean) {
  if (!moved) {
    // A retried job: the confirmation went out already if its message is recorded.
    const rows = (await meetingsOfRequest(s.db, r.id)).filter((m) => meetingIds.includes(m.id));
    const earlier = rows[0]?.confirmation_message_id;
    if (earlier && rows.every((m) => m.confirmation_message_id === earlier)) {
      const sent = await s.db
        .selectFrom('messages')
        .select('id')
        .where('id', '=', earlier)
        .executeTakeFirst();
      if (sent) return;
    }
  }
  const messageId = randomUUID();
  await s.db
    .updateTable('meetings')
    .set({ confirmation_message_id: messageId, updated_at: s.now() })
    .where('id', 'in', meetingIds)
    .execute();
  const meetings = (await meetingsOfRequest(s.db, r.id)).filter((m) => meetingIds.includes(m.id));
  const subject = meetingSubject(s.partnership.shortName, r);
  await sendMessage(s, {
    id: messageId,
    partnershipId: s.partnership.id,
    kind: CONFIRMATION_KIND,
    caseReference: r.purpose === 'rapid-review' ? r.reference : undefined,
    subject: moved ? `${subject}: new time` : subject,
    summary: 'A Teams meeting has been booked. The invitation is in your Outlook calendar.',
    card: confirmationCard(s, r, meetings, undefined),
    createdBy: r.chair_id,
    recipients: [r.chair_id, ...r.required_ids, ...r.optional_ids],
  });
}

/**
 * The book-meeting job: creates the Teams meeting in the organiser mailbox
 * (or, for a reschedule, moves the existing event), records it, and sends the
 * confirmation. A year of subgroup meetings is all or nothing: if one cannot
 * be created after retries, the ones already created are cancelled.
 */
export async function bookMeeting(
  s: MeetingJobDeps,
  requestId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const done = await exclusively(s, `meeting-request:${requestId}`, () =>
    bookMeetingNow(s, requestId, finalAttempt),
  );
  return done ?? { outcome: 'already-running' };
}

async function bookMeetingNow(
  s: MeetingJobDeps,
  requestId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const r = await loadRequest(s.db, s.partnership.id, requestId);
  if (!r || r.status !== 'booking' || r.picked === null) return { outcome: `skipped-${r?.status ?? 'gone'}` };
  if (!s.graphCalendar) {
    await finish(s, r, 'failed', 'NOT_SET_UP');
    return { outcome: 'not-set-up' };
  }
  const calendar = s.graphCalendar;
  const offers = r.recurring ? r.offers : r.offers.filter((_, i) => i === r.picked);
  if (offers.length === 0) {
    await finish(s, r, 'failed', 'NO_SUCH_SLOT');
    return { outcome: 'no-such-slot' };
  }
  const subject = meetingSubject(s.partnership.shortName, r);

  if (r.reschedules_meeting_id) {
    const m = await loadMeeting(s.db, s.partnership.id, r.reschedules_meeting_id);
    if (!m || m.status !== 'booked') {
      await finish(s, r, 'failed', 'MEETING_GONE');
      return { outcome: 'meeting-gone' };
    }
    const slot = offers[0]!;
    const moved = await calendar.moveEvent(m.event_id, new Date(slot.start), new Date(slot.end));
    if (!moved.ok) {
      if (retryable(moved.failure, finalAttempt)) throw new RetryLater(moved.failure);
      await finish(s, r, 'failed', moved.failure.code);
      return { outcome: 'graph-failed' };
    }
    await s.db
      .updateTable('meetings')
      .set({
        start_at: new Date(slot.start),
        end_at: new Date(slot.end),
        join_url: moved.value.joinUrl ?? m.join_url,
        updated_at: s.now(),
      })
      .where('id', '=', m.id)
      .execute();
    await appendAudit(s.db, {
      partnershipId: s.partnership.id,
      actor: r.chair_id,
      action: 'meeting.rescheduled',
      subjectType: 'meeting',
      subjectId: m.id,
      details: { requestId: r.id, start: slot.start },
    });
    if (m.confirmation_message_id) await refreshDeliveredCards(s, m.confirmation_message_id);
    await finish(s, r, 'booked', null);
    const original = await loadRequest(s.db, s.partnership.id, m.request_id);
    await confirm(s, { ...r, reference: original?.reference ?? r.reference, id: m.request_id }, [m.id], true);
    return { outcome: 'moved' };
  }

  const attendees: EventAttendee[] = [
    ...r.required_ids.map((id) => ({ id, type: 'required' as const })),
    ...r.optional_ids.map((id) => ({ id, type: 'optional' as const })),
  ].flatMap(({ id, type }) => {
    const p = s.directory.person(id);
    return p ? [{ email: p.email, name: p.displayName, type }] : [];
  });
  const existing = await meetingsOfRequest(s.db, r.id);
  const created: string[] = existing.map((m) => m.id);
  for (let i = 0; i < offers.length; i++) {
    if (existing.some((m) => m.occurrence === i)) continue;
    const slot = offers[i]!;
    const res = await calendar.createEvent({
      subject,
      bodyHtml: `<p>${escapeHtml(subject)}, booked for ${escapeHtml(s.partnership.name)}.</p>`,
      start: new Date(slot.start),
      end: new Date(slot.end),
      attendees,
      transactionId: offers.length === 1 ? r.id : `${r.id}-${i}`,
    });
    if (!res.ok) {
      if (retryable(res.failure, finalAttempt)) throw new RetryLater(res.failure);
      // Nothing half-booked: take back what this request created.
      for (const m of await meetingsOfRequest(s.db, r.id)) {
        const undone = await calendar.cancelEvent(m.event_id, 'This meeting could not be booked in full.');
        if (!undone.ok)
          s.logger.error({ requestId: r.id, meetingId: m.id }, 'could not cancel a partly booked event');
      }
      await s.db.deleteFrom('meetings').where('request_id', '=', r.id).execute();
      await finish(s, r, 'failed', res.failure.code);
      return { outcome: 'graph-failed' };
    }
    const id = randomUUID();
    await s.db
      .insertInto('meetings')
      .values({
        id,
        partnership_id: s.partnership.id,
        request_id: r.id,
        occurrence: i,
        subject,
        organiser: calendar.organiser,
        event_id: res.value.id,
        join_url: res.value.joinUrl,
        web_link: res.value.webLink,
        start_at: new Date(slot.start),
        end_at: new Date(slot.end),
        status: 'booked',
        chair_id: r.chair_id,
        attendee_ids: JSON.stringify([...r.required_ids, ...r.optional_ids]),
        confirmation_message_id: null,
        created_at: s.now(),
        updated_at: s.now(),
      })
      .execute();
    created.push(id);
    await appendAudit(s.db, {
      partnershipId: s.partnership.id,
      actor: r.chair_id,
      action: 'meeting.booked',
      subjectType: 'meeting',
      subjectId: id,
      details: { requestId: r.id, occurrence: i, start: slot.start },
    });
  }
  await confirm(s, r, created, false);
  await finish(s, r, 'booked', null);
  return { outcome: 'booked' };
}

/** The cancel-meeting job: cancels the event (Outlook tells the attendees) and updates the cards. */
export async function cancelMeeting(
  s: MeetingJobDeps,
  meetingId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const done = await exclusively(s, `meeting:${meetingId}`, () =>
    cancelMeetingNow(s, meetingId, finalAttempt),
  );
  return done ?? { outcome: 'already-running' };
}

async function cancelMeetingNow(
  s: MeetingJobDeps,
  meetingId: string,
  finalAttempt: boolean,
): Promise<{ outcome: string }> {
  const m = await loadMeeting(s.db, s.partnership.id, meetingId);
  if (!m || m.status !== 'cancelling') return { outcome: `skipped-${m?.status ?? 'gone'}` };
  const res = s.graphCalendar
    ? await s.graphCalendar.cancelEvent(m.event_id, 'Cancelled by the chair.')
    : { ok: false as const, failure: { kind: 'permanent' as const, status: 0, code: 'NOT_SET_UP' } };
  const ok = res.ok;
  if (!res.ok && retryable(res.failure, finalAttempt)) throw new RetryLater(res.failure);
  await s.db
    .updateTable('meetings')
    .set({ status: ok ? 'cancelled' : 'booked', updated_at: s.now() })
    .where('id', '=', m.id)
    .execute();
  await appendAudit(s.db, {
    partnershipId: s.partnership.id,
    actor: m.chair_id,
    action: ok ? 'meeting.cancelled' : 'meeting.cancel-failed',
    subjectType: 'meeting',
    subjectId: m.id,
    details: ok ? {} : { code: res.ok ? null : res.failure.code },
  });
  if (m.confirmation_message_id) await refreshDeliveredCards(s, m.confirmation_message_id);
  if (!ok) {
    const r = await loadRequest(s.db, s.partnership.id, m.request_id);
    await sendMessage(s, {
      partnershipId: s.partnership.id,
      kind: 'meeting-status',
      caseReference: r?.purpose === 'rapid-review' ? r.reference : undefined,
      subject: `${r ? meetingSubject(s.partnership.shortName, r) : m.subject}: not cancelled`,
      summary:
        'Microsoft 365 did not answer, so the meeting is still booked. Please try cancelling again later.',
      card: confirmationCard(
        s,
        r ?? { purpose: 'subgroup', reference: m.subject },
        [{ ...m, status: 'booked' }],
        s.directory.person(m.chair_id),
      ),
      createdBy: m.chair_id,
      recipients: [m.chair_id],
    });
  }
  return { outcome: ok ? 'cancelled' : 'cancel-failed' };
}

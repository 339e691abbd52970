import { appendAudit } from '../audit/append';
import { refreshDeliveredCards } from '../delivery/send-message';
import type { Services } from '../services/services';
import { dueReminder, nextReminder } from './deadlines';
import { queueSends, recordOutgoing } from './outbox';

const BATCH = 200;
/** An outbox entry still unsent after this long lost its job (or Redis was flushed): queue it again. */
const UNSENT_AFTER_MS = 30_000;

export interface SweepResult {
  reminded: number;
  overdue: number;
  deferred: number;
  cleared: number;
  requeued: number;
}

/**
 * Everything due, rebuilt from PostgreSQL: reminders one working day before and on the agency deadline
 * (inside working hours; a late sweep sends only the latest), requests becoming overdue (recorded and
 * shown on the tracker), and outbox entries whose send job was lost.
 */
export async function runRapidReviewSweep(s: Services): Promise<SweepResult> {
  const now = s.now();
  const result: SweepResult = { reminded: 0, overdue: 0, deferred: 0, cleared: 0, requeued: 0 };
  const due = await s.db
    .selectFrom('rapid_review_requests as r')
    .innerJoin('rapid_reviews as v', 'v.id', 'r.rapid_review_id')
    .select([
      'r.id',
      'r.rapid_review_id',
      'r.addressee_id',
      'r.delegate_id',
      'r.status',
      'r.requested_on',
      'r.deadline',
      'r.next_reminder_at',
      'r.overdue_at',
      'v.requests_closed_at',
      'v.tracker_message_id',
    ])
    .where('r.partnership_id', '=', s.partnership.id)
    .where('r.next_reminder_at', '<=', now)
    .orderBy('r.next_reminder_at')
    .limit(BATCH)
    .execute();

  for (const r of due) {
    const claim = (trx: Services['db']) =>
      trx
        .updateTable('rapid_review_requests')
        .where('id', '=', r.id)
        .where('next_reminder_at', '=', r.next_reminder_at!);
    if (r.requests_closed_at || r.status === 'submitted' || r.status === 'declined') {
      await claim(s.db).set({ next_reminder_at: null, next_reminder_kind: null }).execute();
      result.cleared++;
      continue;
    }
    if (!s.calendar.isWithinWorkingHours(now)) {
      await claim(s.db)
        .set({ next_reminder_at: s.calendar.nextWorkingMoment(now) })
        .execute();
      result.deferred++;
      continue;
    }
    const moment = dueReminder(s.calendar, r.requested_on, r.deadline, now);
    const next = nextReminder(s.calendar, r.requested_on, r.deadline, now);
    const sent = await s.db.transaction().execute(async (trx) => {
      const res = await claim(trx)
        .set({
          next_reminder_at: next?.at ?? null,
          next_reminder_kind: next?.kind ?? null,
          ...(moment?.kind === 'overdue' && !r.overdue_at ? { overdue_at: now } : {}),
          updated_at: now,
        })
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1 || !moment) return undefined;
      await appendAudit(trx, {
        partnershipId: s.partnership.id,
        actor: 'system:rapid-review-sweep',
        action: moment.kind === 'overdue' ? 'rapid-review.request.overdue' : 'rapid-review.request.reminded',
        subjectType: 'rapid-review-request',
        subjectId: r.id,
        details: { kind: moment.kind, deadline: r.deadline },
      });
      if (moment.kind === 'overdue') return { overdue: true as const, messageId: undefined };
      const messageId = await recordOutgoing(
        trx,
        {
          rapidReviewId: r.rapid_review_id,
          requestId: r.id,
          purpose: moment.kind === 'before' ? 'reminder-before' : 'reminder-on-day',
          recipients: [r.addressee_id, ...(r.delegate_id ? [r.delegate_id] : [])],
          createdBy: 'system:rapid-review-sweep',
        },
        now,
      );
      return { overdue: false as const, messageId };
    });
    if (!sent) continue;
    if (sent.messageId) {
      await queueSends(s, [sent.messageId]);
      result.reminded++;
    } else {
      result.overdue++;
      s.logger.info({ requestId: r.id, rapidReviewId: r.rapid_review_id }, 'rapid review request overdue');
      if (r.tracker_message_id) await refreshDeliveredCards(s, r.tracker_message_id);
    }
  }

  const unsent = await s.db
    .selectFrom('rapid_review_messages as m')
    .innerJoin('rapid_reviews as v', 'v.id', 'm.rapid_review_id')
    .select('m.message_id')
    .where('v.partnership_id', '=', s.partnership.id)
    .where('m.sent_at', 'is', null)
    .where('m.skipped', 'is', null)
    .where('m.created_at', '<', new Date(now.getTime() - UNSENT_AFTER_MS))
    .orderBy('m.created_at')
    .limit(BATCH)
    .execute();
  const round = Math.floor(now.getTime() / 60_000);
  await queueSends(
    s,
    unsent.map((m) => m.message_id),
    `~sweep${round}`,
  );
  result.requeued = unsent.length;
  return result;
}

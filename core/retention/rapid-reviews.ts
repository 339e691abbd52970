import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { appendAudit } from '../audit/append';
import type { Services } from '../services/services';

/** Reviews erased per transaction: a first run after years of use works through its backlog in rounds. */
export const RETENTION_BATCH = 50;

/** A review's last activity: its opening, the closing of its requests, or its decision (the latest). */
const LAST_ACTIVITY = sql<Date>`greatest(r.created_at, r.requests_closed_at, d.decided_at)`;

export interface RetentionResult {
  erased: number;
  cutoff: string;
}

/**
 * The instant before which a case's last activity puts it out of retention: `caseYears` before now, by
 * the calendar in the partnership's time zone (so 29 February and clock changes fall where people expect).
 */
export function retentionCutoff(s: Pick<Services, 'partnership'>, now: Date): Date {
  return DateTime.fromJSDate(now, { zone: s.partnership.timeZone })
    .minus({ years: s.partnership.retention.caseYears })
    .toJSDate();
}

/**
 * Erases the Rapid Reviews whose last activity (opening, closing the requests, or the decision) is older
 * than the partnership's `retention.caseYears`: the review, every agency's answers, the decision and its
 * recorded recommendations, and the messages sent about it with their deliveries and web-form links.
 * What outlives the case stays: the audit log (ids and codes only, with an entry for each erasure), and
 * recommendations already handed to routing with the actions made from them (the partnership's learning,
 * checked for identifying details when recorded).
 */
export async function eraseExpiredRapidReviews(
  s: Pick<Services, 'db' | 'partnership' | 'logger'>,
  now: Date,
): Promise<RetentionResult> {
  const cutoff = retentionCutoff(s, now);
  const caseYears = s.partnership.retention.caseYears;
  let erased = 0;
  for (;;) {
    const round = await s.db.transaction().execute(async (trx) => {
      const expired = await trx
        .selectFrom('rapid_reviews as r')
        .leftJoin('rapid_review_decisions as d', 'd.rapid_review_id', 'r.id')
        .select(['r.id', 'r.case_reference'])
        .where('r.partnership_id', '=', s.partnership.id)
        .where(LAST_ACTIVITY, '<', cutoff)
        .orderBy('r.created_at')
        .limit(RETENTION_BATCH)
        .forUpdate('r')
        .skipLocked()
        .execute();
      if (expired.length === 0) return 0;
      const ids = expired.map((r) => r.id);
      await trx
        .deleteFrom('messages')
        .where('partnership_id', '=', s.partnership.id)
        .where('id', 'in', (eb) =>
          // The tracker is one of these too: every message about a review is recorded here.
          eb.selectFrom('rapid_review_messages').select('message_id').where('rapid_review_id', 'in', ids),
        )
        .execute();
      await trx
        .deleteFrom('rapid_review_card_refreshes')
        .where('partnership_id', '=', s.partnership.id)
        .where('rapid_review_id', 'in', ids)
        .execute();
      // Requests, their messages' records, the decision and its recommendations go with the review (cascade).
      await trx.deleteFrom('rapid_reviews').where('id', 'in', ids).execute();
      for (const r of expired)
        await appendAudit(trx, {
          partnershipId: s.partnership.id,
          actor: 'system:retention',
          action: 'rapid-review.erased',
          subjectType: 'rapid-review',
          subjectId: r.id,
          details: { caseReference: r.case_reference, reason: 'retention', caseYears },
        });
      return expired.length;
    });
    erased += round;
    if (round > 0) s.logger.info({ erased: round, caseYears }, 'rapid reviews erased under retention');
    if (round < RETENTION_BATCH) break;
  }
  return { erased, cutoff: cutoff.toISOString() };
}

export interface DueForErasure {
  caseReference: string;
  /** Local dates (YYYY-MM-DD) in the partnership's time zone. */
  lastActivity: string;
  erasedFrom: string;
}

/**
 * The Rapid Reviews the retention job will erase within `withinDays` of `now` (those already due first),
 * so the business unit can see them coming: case references and dates only.
 */
export async function rapidReviewsDueForErasure(
  s: Pick<Services, 'db' | 'partnership'>,
  now: Date,
  withinDays: number,
): Promise<DueForErasure[]> {
  const zone = s.partnership.timeZone;
  const horizon = DateTime.fromJSDate(now, { zone }).plus({ days: withinDays }).toJSDate();
  const rows = await s.db
    .selectFrom('rapid_reviews as r')
    .leftJoin('rapid_review_decisions as d', 'd.rapid_review_id', 'r.id')
    .select(['r.case_reference', LAST_ACTIVITY.as('last_activity')])
    .where('r.partnership_id', '=', s.partnership.id)
    .where(LAST_ACTIVITY, '<', retentionCutoff(s, horizon))
    .orderBy('last_activity')
    .orderBy('r.case_reference')
    .execute();
  const localDate = (at: DateTime) => at.toISODate()!;
  return rows.map((r) => {
    const last = DateTime.fromJSDate(new Date(r.last_activity), { zone });
    return {
      caseReference: r.case_reference,
      lastActivity: localDate(last),
      erasedFrom: localDate(last.plus({ years: s.partnership.retention.caseYears })),
    };
  });
}

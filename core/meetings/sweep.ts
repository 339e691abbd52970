import type { Services } from '../services/services';

/** How long a request may sit in `finding`/`booking`, or a meeting in `cancelling`, before its job counts as lost. */
export const MEETING_STALE_AFTER_MS = 5 * 60 * 1000;
/** Jobs queued again per run, at most (requests first, then meetings). */
export const MEETING_SWEEP_BATCH = 100;

export type MeetingSweepResult = { finding: number; booking: number; cancelling: number };

/**
 * The meetings sweep over PostgreSQL (run every minute by the meetings-sweep job): a request still
 * `finding` or `booking`, or a meeting still `cancelling`, whose row has not changed for
 * MEETING_STALE_AFTER_MS of the business clock has lost its job (Redis flushed, the enqueue after the
 * write failed, or every attempt failed on something other than Graph), so its job is queued again
 * under a fresh id. The rows taken get `updated_at` = now, so each is retried at most once per
 * stale period and the batch moves on to the others. A duplicate job is harmless: the jobs re-read
 * the row and skip what has moved on, and one run at a time acts on a request or meeting
 * (core/meetings/exclusive.ts).
 */
export async function runMeetingsSweep(s: Services): Promise<MeetingSweepResult> {
  const now = s.now();
  const cutoff = new Date(now.getTime() - MEETING_STALE_AFTER_MS);
  const round = Math.floor(now.getTime() / 60_000);
  const pid = s.partnership.id;

  const requests = await s.db
    .updateTable('meeting_requests')
    .set({ updated_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('meeting_requests')
        .select('id')
        .where('partnership_id', '=', pid)
        .where('status', 'in', ['finding', 'booking'])
        .where('updated_at', '<', cutoff)
        .orderBy('updated_at')
        .limit(MEETING_SWEEP_BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', 'in', ['finding', 'booking'])
    .returning(['id', 'status'])
    .execute();
  const room = MEETING_SWEEP_BATCH - requests.length;
  const meetings =
    room > 0
      ? await s.db
          .updateTable('meetings')
          .set({ updated_at: now })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('meetings')
              .select('id')
              .where('partnership_id', '=', pid)
              .where('status', '=', 'cancelling')
              .where('updated_at', '<', cutoff)
              .orderBy('updated_at')
              .limit(room)
              .forUpdate()
              .skipLocked(),
          )
          .where('status', '=', 'cancelling')
          .returning('id')
          .execute()
      : [];

  for (const r of requests) {
    const name = r.status === 'finding' ? 'find-slots' : 'book-meeting';
    await s.queues.enqueue(name, { requestId: r.id }, { jobId: `${name}~${r.id}~sweep${round}` });
  }
  for (const m of meetings) {
    await s.queues.enqueue(
      'cancel-meeting',
      { meetingId: m.id },
      { jobId: `cancel-meeting~${m.id}~sweep${round}` },
    );
  }
  const result = {
    finding: requests.filter((r) => r.status === 'finding').length,
    booking: requests.filter((r) => r.status === 'booking').length,
    cancelling: meetings.length,
  };
  if (requests.length + meetings.length > 0) s.logger.warn(result, 'meeting jobs queued again by the sweep');
  return result;
}

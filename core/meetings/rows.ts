import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Selectable } from 'kysely';
import type { MeetingRequestsTable, MeetingsTable } from '../db/tables/meetings';

export type MeetingRequestRow = Selectable<MeetingRequestsTable>;
export type MeetingRow = Selectable<MeetingsTable>;

export function loadRequest(db: Kysely<Database>, partnershipId: string, id: string) {
  return db
    .selectFrom('meeting_requests')
    .selectAll()
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export function loadMeeting(db: Kysely<Database>, partnershipId: string, id: string) {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export function meetingsOfRequest(db: Kysely<Database>, requestId: string) {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('occurrence')
    .execute();
}

/** The subject every event, card and email carries: the case reference (or the subgroup), nothing else. */
export function meetingSubject(
  shortName: string,
  r: Pick<MeetingRequestRow, 'purpose' | 'reference'>,
): string {
  return r.purpose === 'rapid-review'
    ? `${r.reference} Rapid Review meeting`
    : `${shortName} ${r.reference} meeting`;
}

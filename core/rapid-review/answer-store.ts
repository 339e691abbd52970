import { CompiledQuery } from 'kysely';
import { z } from 'zod';
import { preparedStatement } from '../db/prepared-statements';
import { MAX_REFRESH_USER_IDS } from '../conversations/teams-user-ids';
import type { CardActionDeps } from '../actions/types';
import type { RequestRow, ReviewRow } from './store';
import type { Answers, MessagePurpose } from './types';

/**
 * The hot path of a draft save or a submit, in ONE statement (one round trip to PostgreSQL): it finds the
 * request through the card's message, checks on the server that the person is its addressee or delegate,
 * that the review's requests are not closed and that the request is still open, moves it on, appends the
 * audit entry and marks the review's cards stale for the refresh workers (same statement, so all three
 * commit together or not at all), and returns the updated request
 * with its review, the message's purpose and the Teams user ids for the card's refresh.
 *
 * Nothing comes back when any of those checks fails or a concurrent submit (a double click) got there
 * first: the caller then runs the step-by-step path, which explains why (and changes nothing).
 * The SQL is written out once (no query building per request) and prepared once per connection; only
 * the values are bound.
 */
const REVIEW_COLUMNS = [
  'case_reference',
  'notification_date',
  'category',
  'chair_id',
  'opened_by',
  'opened_on',
  'panel_deadline',
  'tracker_message_id',
  'requests_closed_at',
  'requests_closed_by',
  'created_at',
] as const;

type ReviewColumn = (typeof REVIEW_COLUMNS)[number];

const REVIEW_ALIASES = REVIEW_COLUMNS.map((c) => [c, `v_${c}`] as const);

/**
 * Named, never `*`: a prepared statement's result may not change shape, so a migration adding a column
 * would otherwise break every pooled connection of a process still running the old code.
 */
const REQUEST_COLUMNS = [
  'id',
  'rapid_review_id',
  'partnership_id',
  'agency_id',
  'addressee_id',
  'delegate_id',
  'status',
  'requested_on',
  'deadline',
  'extension_reason',
  'answers',
  'submitted_at',
  'submitted_by',
  'overdue_at',
  'next_reminder_at',
  'next_reminder_kind',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof RequestRow>;

/** Fails to compile when RequestRow gains a column the list above does not name. */
const everyRequestColumn: Exclude<keyof RequestRow, (typeof REQUEST_COLUMNS)[number]> extends never
  ? true
  : never = true;
void everyRequestColumn;

const OPEN = `('awaiting', 'draft')`;

/** $1 message id, $2 request id, $3 partnership id, $4 person id, $5 answers (json), $6 status, $7 now,
 * $8 audit action, $9 audit details (json). */
function statement(submit: boolean): string {
  const reviewCols = REVIEW_ALIASES.map(([c, alias]) => `v.${c} as ${alias}`).join(', ');
  const submitted = submit
    ? ', submitted_at = $7, submitted_by = $4, next_reminder_at = null, next_reminder_kind = null'
    : '';
  return `with tgt as (
  select r.id, m.purpose as m_purpose, ${reviewCols}
  from rapid_review_messages m
  join rapid_review_requests r on r.id = m.request_id
  join rapid_reviews v on v.id = r.rapid_review_id
  where m.message_id = $1 and r.id = $2 and r.partnership_id = $3
    and (r.addressee_id = $4 or r.delegate_id = $4)
    and v.requests_closed_at is null
    and r.status in ${OPEN}
), upd as (
  update rapid_review_requests
  set answers = $5::jsonb, status = $6, updated_at = $7${submitted}
  where id = (select id from tgt) and status in ${OPEN}
  returning ${REQUEST_COLUMNS.join(', ')}
), aud as (
  insert into audit_log (partnership_id, actor, action, subject_type, subject_id, details)
  select $3, $4, $8, 'rapid-review-request', upd.id, $9::jsonb from upd
), mark as (
  insert into rapid_review_card_refreshes (partnership_id, rapid_review_id, request_id)
  select $3, upd.rapid_review_id, upd.id from upd
)
select ${REQUEST_COLUMNS.map((c) => `upd.${c}`).join(', ')}, ${REVIEW_COLUMNS.map((c) => `tgt.v_${c}`).join(', ')}, tgt.m_purpose,
  (select coalesce(json_agg(json_build_array(c.person_id, c.reference->'user'->>'id')), '[]'::json)
     from conversation_references c
     where c.partnership_id = $3 and c.person_id in (upd.addressee_id, upd.delegate_id)
       and c.conversation_type = 'personal' and c.installed = true) as refresh_refs
from upd join tgt on tgt.id = upd.id`;
}

const DRAFT_SQL = preparedStatement(statement(false));
const SUBMIT_SQL = preparedStatement(statement(true));

type Row = RequestRow & { [K in ReviewColumn as `v_${K}`]: ReviewRow[K] } & {
  m_purpose: string;
  refresh_refs: unknown;
};

const refreshRefs = z.array(z.tuple([z.string().nullable(), z.string().nullable()]));

export interface StoredAnswer {
  request: RequestRow;
  review: ReviewRow;
  purpose: MessagePurpose;
  /** Teams user ids of the addressee then the delegate (from their stored 1:1 chats), for `refresh.userIds`. */
  refreshUserIds: string[];
}

export interface StoreAnswer {
  messageId: string;
  requestId: string;
  personId: string;
  answers: Answers;
  /** `draft`, or `submitted` / `declined` for a submit. */
  status: string;
  now: Date;
  audit: { action: string; details: Record<string, string> };
}

/** Stores a draft or an answer if the request is open and the person's to answer; see above. */
export async function storeAnswerIfOpen(
  deps: CardActionDeps,
  a: StoreAnswer,
): Promise<StoredAnswer | undefined> {
  const result = await deps.db.executeQuery<Row>(
    CompiledQuery.raw(a.status === 'draft' ? DRAFT_SQL : SUBMIT_SQL, [
      a.messageId,
      a.requestId,
      deps.partnership.id,
      a.personId,
      JSON.stringify(a.answers),
      a.status,
      a.now,
      a.audit.action,
      JSON.stringify(a.audit.details),
    ]),
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const cells = row as unknown as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  for (const c of REQUEST_COLUMNS) request[c] = cells[c];
  const review: Record<string, unknown> = { id: row.rapid_review_id, partnership_id: row.partnership_id };
  for (const [c, alias] of REVIEW_ALIASES) review[c] = cells[alias];
  const req = request as RequestRow;
  return {
    request: req,
    review: review as ReviewRow,
    purpose: row.m_purpose as MessagePurpose,
    refreshUserIds: orderedTeamsIds(refreshRefs.parse(row.refresh_refs), [req.addressee_id, req.delegate_id]),
  };
}

/** As core/conversations/teams-user-ids.ts: in the order of the people, each id once, at most 60. */
function orderedTeamsIds(
  refs: Array<[string | null, string | null]>,
  people: Array<string | null>,
): string[] {
  const ids = new Set<string>();
  for (const p of people)
    if (p) for (const [personId, teamsId] of refs) if (personId === p && teamsId) ids.add(teamsId);
  return [...ids].slice(0, MAX_REFRESH_USER_IDS);
}

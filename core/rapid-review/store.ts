import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type {
  RapidReviewDecisionsTable,
  RapidReviewMessagesTable,
  RapidReviewRecommendationsTable,
  RapidReviewRequestsTable,
  RapidReviewsTable,
} from '../db/tables/rapid-review';

export type ReviewRow = Selectable<RapidReviewsTable>;
export type RequestRow = Selectable<RapidReviewRequestsTable>;
export type RrMessageRow = Selectable<RapidReviewMessagesTable>;
export type DecisionRow = Selectable<RapidReviewDecisionsTable>;
export type RecommendationRow = Selectable<RapidReviewRecommendationsTable>;

/** Runs `fn` in a transaction, or in the caller's one (the web form runs card actions inside one). */
export function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export function findReview(db: Kysely<Database>, partnershipId: string, id: string) {
  return db
    .selectFrom('rapid_reviews')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findReviewByReference(db: Kysely<Database>, partnershipId: string, caseReference: string) {
  return db
    .selectFrom('rapid_reviews')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('case_reference', '=', caseReference)
    .executeTakeFirst();
}

export function requestsOf(db: Kysely<Database>, reviewId: string): Promise<RequestRow[]> {
  return db
    .selectFrom('rapid_review_requests')
    .selectAll()
    .where('rapid_review_id', '=', reviewId)
    .orderBy('created_at')
    .orderBy('agency_id')
    .execute();
}

export function findRequest(db: Kysely<Database>, partnershipId: string, id: string) {
  return db
    .selectFrom('rapid_review_requests')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRrMessage(db: Kysely<Database>, messageId: string) {
  return db
    .selectFrom('rapid_review_messages')
    .selectAll()
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

export function findDecision(db: Kysely<Database>, reviewId: string) {
  return db
    .selectFrom('rapid_review_decisions')
    .selectAll()
    .where('rapid_review_id', '=', reviewId)
    .executeTakeFirst();
}

export function recommendationsOf(db: Kysely<Database>, reviewId: string): Promise<RecommendationRow[]> {
  return db
    .selectFrom('rapid_review_recommendations')
    .selectAll()
    .where('rapid_review_id', '=', reviewId)
    .orderBy('id')
    .execute();
}

/** Request message ids (the request and its copies: delegation, reminders, chases). */
export async function requestMessageIds(db: Kysely<Database>, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('rapid_review_messages')
    .select('message_id')
    .where('request_id', '=', requestId)
    .execute();
  return rows.map((r) => r.message_id);
}

/**
 * Whether each request reached its addressee: delivered (or possibly delivered) on any of its messages.
 * Undelivered requests show as "not sent".
 */
export async function deliveredRequestIds(db: Kysely<Database>, reviewId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('rapid_review_messages as m')
    .innerJoin('rapid_review_requests as r', 'r.id', 'm.request_id')
    .innerJoin('deliveries as d', (j) =>
      j.onRef('d.message_id', '=', 'm.message_id').onRef('d.person_id', '=', 'r.addressee_id'),
    )
    .select('r.id')
    .where('m.rapid_review_id', '=', reviewId)
    .where('d.status', 'in', ['delivered', 'unconfirmed'])
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.id));
}

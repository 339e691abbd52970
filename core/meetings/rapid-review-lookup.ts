import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';

export interface ReviewForMeeting {
  id: string;
  caseReference: string;
  chairId: string;
  /** YYYY-MM-DD in the partnership time zone. */
  panelDeadline: string;
  /** The agency leads asked for information (their delegates where delegated), not those who declined. */
  agencyLeadIds: string[];
}

const reviewRow = z.object({
  id: z.string(),
  case_reference: z.string(),
  chair_id: z.string(),
  panel_deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const leadRow = z.object({ addressee_id: z.string(), delegate_id: z.string().nullable() });

/**
 * Reads a Rapid Review from the Rapid Review feature's tables when they exist
 * (they belong to that feature, so this reads them by SQL and checks every row);
 * undefined when there is no such review or no such table.
 */
export async function findReviewForMeeting(
  db: Kysely<Database>,
  partnershipId: string,
  by: { id?: string; caseReference?: string },
): Promise<ReviewForMeeting | undefined> {
  const exists = await sql<{ t: string | null }>`select to_regclass('rapid_reviews')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return undefined;
  const rows = by.id
    ? await sql`select id, case_reference, chair_id, panel_deadline from rapid_reviews
        where partnership_id = ${partnershipId} and id = ${by.id}`.execute(db)
    : await sql`select id, case_reference, chair_id, panel_deadline from rapid_reviews
        where partnership_id = ${partnershipId} and case_reference = ${by.caseReference ?? ''}`.execute(db);
  const review = reviewRow.safeParse(rows.rows[0]);
  if (!review.success) return undefined;
  let leads: string[] = [];
  const hasRequests = await sql<{
    t: string | null;
  }>`select to_regclass('rapid_review_requests')::text as t`.execute(db);
  if (hasRequests.rows[0]?.t) {
    const r = await sql`select addressee_id, delegate_id from rapid_review_requests
      where rapid_review_id = ${review.data.id} and status <> 'declined' order by agency_id`.execute(db);
    leads = r.rows.flatMap((row) => {
      const p = leadRow.safeParse(row);
      return p.success ? [p.data.delegate_id ?? p.data.addressee_id] : [];
    });
  }
  return {
    id: review.data.id,
    caseReference: review.data.case_reference,
    chairId: review.data.chair_id,
    panelDeadline: review.data.panel_deadline,
    agencyLeadIds: [...new Set(leads)],
  };
}

/** Open Rapid Reviews (Panel deadline today or later), newest first, for the purpose picker. */
export async function openReviews(
  db: Kysely<Database>,
  partnershipId: string,
  today: string,
): Promise<Array<{ id: string; caseReference: string }>> {
  const exists = await sql<{ t: string | null }>`select to_regclass('rapid_reviews')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows = await sql`select id, case_reference, chair_id, panel_deadline from rapid_reviews
    where partnership_id = ${partnershipId} and panel_deadline >= ${today}
    order by panel_deadline desc limit 20`.execute(db);
  return rows.rows.flatMap((row) => {
    const p = reviewRow.safeParse(row);
    return p.success ? [{ id: p.data.id, caseReference: p.data.case_reference }] : [];
  });
}

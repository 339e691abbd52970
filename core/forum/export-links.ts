import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** How long a download link works. */
export const EXPORT_LINK_MINUTES = 60;

/** A short-lived download link for one person, one report and one format. */
export async function createExportLink(
  db: Kysely<Database>,
  input: { sessionId: string; personId: string; format: 'csv' | 'xlsx'; now: Date; baseUrl: string },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db
    .insertInto('forum_export_links')
    .values({
      token,
      session_id: input.sessionId,
      person_id: input.personId,
      format: input.format,
      expires_at: new Date(input.now.getTime() + EXPORT_LINK_MINUTES * 60_000),
    })
    .execute();
  return `${input.baseUrl}/forum/exports/${token}`;
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { signClaims, verifySignedClaims, type SignedTokenCheck } from '../security/signed-token';

/**
 * A web-form link token: base64url(JSON claims) + '.' + base64url(HMAC-SHA256(secret, first part)).
 * It binds one recipient (`pid`) to one message (`mid`) until `exp` (seconds since the epoch); `jti`
 * names its `form_tokens` row, which makes it single-use.
 */
export const formClaimsSchema = z.strictObject({
  jti: z.string().min(1).max(64),
  mid: z.string().min(1).max(64),
  pid: z.string().min(1).max(64),
  exp: z.number().int().positive(),
});
export type FormClaims = z.infer<typeof formClaimsSchema>;

export type FormTokenCheck = SignedTokenCheck<FormClaims>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function signFormClaims(secret: string, claims: FormClaims): string {
  return signClaims(secret, claims);
}

/** Checks shape, signature (in constant time) and expiry. Pure: whether the token was used is the database's business. */
export function verifyFormToken(secret: string, token: string, now: Date = new Date()): FormTokenCheck {
  return verifySignedClaims(secret, token, formClaimsSchema, now, 1000);
}

export interface IssueFormToken {
  secret: string;
  messageId: string;
  personId: string;
  /** How long the link works (FORM_LINK_DAYS). */
  days: number;
  now?: Date;
}

/** Records a single-use token for one recipient and one message and returns it, ready for `/forms/<token>`. */
export async function issueFormToken(db: Kysely<Database>, t: IssueFormToken): Promise<string> {
  const now = t.now ?? new Date();
  const exp = Math.floor((now.getTime() + t.days * DAY_MS) / 1000);
  const claims: FormClaims = { jti: randomUUID(), mid: t.messageId, pid: t.personId, exp };
  await db
    .insertInto('form_tokens')
    .values({
      jti: claims.jti,
      message_id: claims.mid,
      person_id: claims.pid,
      expires_at: new Date(exp * 1000),
      used_at: null,
    })
    .execute();
  return signFormClaims(t.secret, claims);
}

/**
 * The link for one recipient and message: the unused, unexpired token already
 * issued if there is one (re-signed from its row, so retried emails carry the
 * same link), else a new one.
 */
export async function formTokenFor(db: Kysely<Database>, t: IssueFormToken): Promise<string> {
  const now = t.now ?? new Date();
  const existing = await db
    .selectFrom('form_tokens')
    .select(['jti', 'expires_at'])
    .where('message_id', '=', t.messageId)
    .where('person_id', '=', t.personId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date(now.getTime() + DAY_MS))
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  if (!existing) return issueFormToken(db, t);
  const exp = Math.floor(existing.expires_at.getTime() / 1000);
  return signFormClaims(t.secret, { jti: existing.jti, mid: t.messageId, pid: t.personId, exp });
}

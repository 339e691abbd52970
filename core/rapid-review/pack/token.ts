import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A submission-pack link token, signed like the web-form tokens (core/forms/token.ts):
 * base64url(JSON claims) + '.' + base64url(HMAC-SHA256). It differs from a form token twice over, so
 * neither can stand in for the other: the claims carry `pur: 'rr-pack'` (a strict schema on each side),
 * and the HMAC key is derived from the secret for this purpose alone. It binds one reader (`pid`) to one
 * review (`rid`) until `exp` (seconds since the epoch). Stateless: the server checks on every download
 * that the reader may still read the review.
 */
export const PACK_PURPOSE = 'rr-pack';

export const packClaimsSchema = z.strictObject({
  pur: z.literal(PACK_PURPOSE),
  rid: z.uuid(),
  pid: z.string().min(1).max(64),
  exp: z.number().int().positive(),
});
export type PackClaims = z.infer<typeof packClaimsSchema>;

export type PackTokenCheck =
  { ok: true; claims: PackClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,600}\.[A-Za-z0-9_-]{43}$/;

function packKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('masa-bot rapid-review submission-pack links v1').digest();
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', packKey(secret)).update(payload).digest('base64url');
}

export function signPackClaims(secret: string, claims: PackClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** Checks shape, signature (in constant time), claims and expiry. */
export function verifyPackToken(secret: string, token: string, now: Date): PackTokenCheck {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const [payload = '', signature = ''] = token.split('.');
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = packClaimsSchema.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}

/** How long a pack link works. */
export const PACK_LINK_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

/**
 * A token for one reader and review. The expiry is rounded up to the hour, so the cards rendered within
 * the same hour carry the same link (card refreshes do not churn), and it lasts at least PACK_LINK_HOURS.
 */
export function issuePackToken(secret: string, reviewId: string, personId: string, now: Date): string {
  const exp = Math.ceil((now.getTime() + PACK_LINK_HOURS * HOUR_MS) / HOUR_MS) * (HOUR_MS / 1000);
  return signPackClaims(secret, { pur: PACK_PURPOSE, rid: reviewId, pid: personId, exp });
}

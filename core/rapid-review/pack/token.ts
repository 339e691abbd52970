import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { signClaims, verifySignedClaims, type SignedTokenCheck } from '../../security/signed-token';

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

export type PackTokenCheck = SignedTokenCheck<PackClaims>;

function packKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('masa-bot rapid-review submission-pack links v1').digest();
}

export function signPackClaims(secret: string, claims: PackClaims): string {
  return signClaims(packKey(secret), claims);
}

/** Checks shape, signature (in constant time), claims and expiry. */
export function verifyPackToken(secret: string, token: string, now: Date): PackTokenCheck {
  return verifySignedClaims(packKey(secret), token, packClaimsSchema, now, 600);
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

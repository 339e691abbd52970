import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * Stateless signed link tokens: base64url(JSON claims) + '.' + base64url(HMAC-SHA256(key, first part)).
 * Each kind of link has its own claims schema (strict, so one kind cannot pass as another) and may
 * use its own key.
 */
export type SignedTokenCheck<T> =
  { ok: true; claims: T } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

function signature(key: string | Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function signClaims(key: string | Buffer, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(key, payload)}`;
}

/** Checks shape, signature (in constant time), claims and expiry (`exp`, seconds since the epoch). */
export function verifySignedClaims<T extends { exp: number }>(
  key: string | Buffer,
  token: string,
  schema: z.ZodType<T>,
  now: Date,
  maxPayloadChars: number,
): SignedTokenCheck<T> {
  const [payload = '', given = '', ...rest] = token.split('.');
  if (rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload) || payload.length > maxPayloadChars)
    return { ok: false, reason: 'malformed' };
  if (!/^[A-Za-z0-9_-]{43}$/.test(given)) return { ok: false, reason: 'malformed' };
  // Compared as text, so a signature is canonical: base64url's spare bits in the last character count too.
  const a = Buffer.from(given);
  const b = Buffer.from(signature(key, payload));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = schema.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}

import { createHmac } from 'node:crypto';
import { signFormClaims, verifyFormToken, type FormClaims } from '../../core/forms/token';

const SECRET = 'a test secret that is at least thirty-two characters';
const NOW = new Date('2026-03-02T10:00:00Z');
const claims: FormClaims = {
  jti: '3f0c8d5e-7a51-4a7e-9a2d-0b6f0f1f2c3d',
  mid: '9b1d7a52-4a4e-4d8f-8a3c-2d7e5f6a7b8c',
  pid: 'bu-manager',
  exp: Math.floor(NOW.getTime() / 1000) + 3600,
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Signs any payload with the right key, as a careless issuer would: only the claims check can refuse it. */
const signRaw = (payload: string) =>
  `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;

describe('form link tokens', () => {
  it('accepts its own token and returns the claims', () => {
    expect(verifyFormToken(SECRET, signFormClaims(SECRET, claims), NOW)).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another secret', () => {
    const forged = signFormClaims('another secret, also thirty-two characters long', claims);
    expect(verifyFormToken(SECRET, forged, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses claims changed after signing', () => {
    const [, signature] = signFormClaims(SECRET, claims).split('.');
    for (const changed of [
      { ...claims, pid: 'bu-coordinator' },
      { ...claims, exp: claims.exp + 86400 },
    ]) {
      expect(verifyFormToken(SECRET, `${b64(changed)}.${signature}`, NOW)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it('refuses a signature that differs in its last character, even in base64url spare bits only', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signFormClaims(SECRET, claims);
    // The last of 43 characters carries 4 signature bits and 2 spare ones; flip a spare bit.
    const last = alphabet[alphabet.indexOf(token.slice(-1)) ^ 1]!;
    const altered = token.slice(0, -1) + last;
    expect(Buffer.from(altered.split('.')[1]!, 'base64url')).toEqual(
      Buffer.from(token.split('.')[1]!, 'base64url'),
    );
    expect(verifyFormToken(SECRET, altered, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an expired token, from the second it expires', () => {
    const token = signFormClaims(SECRET, claims);
    expect(verifyFormToken(SECRET, token, new Date(claims.exp * 1000 - 1)).ok).toBe(true);
    expect(verifyFormToken(SECRET, token, new Date(claims.exp * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['empty', ''],
    ['no signature', b64(claims)],
    ['three parts', `${signFormClaims(SECRET, claims)}.x`],
    ['not base64url', `${b64(claims)}+/.${'A'.repeat(43)}`],
    ['short signature', `${b64(claims)}.abc`],
    ['too long', `${'A'.repeat(1001)}.${'A'.repeat(43)}`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(verifyFormToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['a missing claim', b64({ jti: claims.jti, mid: claims.mid, exp: claims.exp })],
    ['an extra claim', b64({ ...claims, admin: true })],
    ['a string expiry', b64({ ...claims, exp: String(claims.exp) })],
  ])('refuses correctly signed claims with %s', (_name, payload) => {
    expect(verifyFormToken(SECRET, signRaw(payload), NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

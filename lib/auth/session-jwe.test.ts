import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decryptSessionToken, encryptSessionToken } from './session-jwe';

const secret = 'test-auth-secret-0123456789abcdef0123456789';
const salt = 'authjs.session-token';
const claims = { sub: 'user-1', sv: 2, authTime: 1_800_000_000, lastSeen: 1_800_000_100 };
const now = () => Math.floor(Date.now() / 1000);

/** Flips one character of a base64url segment of a compact JWE. */
function alter(token: string, segment: number): string {
  const parts = token.split('.');
  const s = parts[segment]!;
  const i = Math.floor(s.length / 2);
  parts[segment] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

describe('session token encryption', () => {
  it('reads the tokens Auth.js writes at sign-in', async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 600 });
    expect(decryptSessionToken(token, { secret, salt })).toMatchObject({ ...claims, exp: expect.any(Number), jti: expect.any(String) });
  });

  it('writes tokens Auth.js reads (sign-out, the session endpoint)', async () => {
    const token = encryptSessionToken(claims, { secret, salt, maxAge: 600 });
    const read = await decode({ token, secret, salt });
    expect(read).toMatchObject(claims);
    expect(read!.exp).toBe(read!.iat! + 600);
    expect(read!.iat).toBeGreaterThanOrEqual(now() - 1);
  });

  it('refuses another secret and another cookie name', async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 600 });
    expect(decryptSessionToken(token, { secret: 'another-secret-0123456789abcdef0123456789', salt })).toBeNull();
    expect(decryptSessionToken(token, { secret, salt: `__Secure-${salt}` })).toBeNull();
  });

  it('refuses a token altered in any part', () => {
    const token = encryptSessionToken(claims, { secret, salt, maxAge: 600 });
    for (const segment of [0, 2, 3, 4]) expect(decryptSessionToken(alter(token, segment), { secret, salt }), `segment ${segment}`).toBeNull();
    const [header, , iv, ciphertext, tag] = token.split('.');
    expect(decryptSessionToken(`${header}.AAAA.${iv}.${ciphertext}.${tag}`, { secret, salt })).toBeNull();
    expect(decryptSessionToken(`${header}..${iv}.${ciphertext}`, { secret, salt })).toBeNull();
  });

  it('refuses a header naming another algorithm, even with the right key', () => {
    const token = encryptSessionToken(claims, { secret, salt, maxAge: 600 });
    const [, , iv, ciphertext, tag] = token.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', enc: 'A256CBC-HS512' })).toString('base64url');
    expect(decryptSessionToken(`${none}..${iv}.${ciphertext}.${tag}`, { secret, salt })).toBeNull();
  });

  it('refuses expired tokens, past the same 15 s tolerance as Auth.js', async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    const t = now();
    expect(decryptSessionToken(token, { secret, salt, now: t + 70 })).not.toBeNull();
    expect(decryptSessionToken(token, { secret, salt, now: t + 80 })).toBeNull();
    expect(decryptSessionToken(encryptSessionToken(claims, { secret, salt, maxAge: -60 }), { secret, salt })).toBeNull();
  });

  it('refuses garbage without throwing', () => {
    for (const junk of ['', 'forged', 'a.b.c.d.e', '....', `forged.${'A'.repeat(40)}`, 'e30..AAAA.AAAA.AAAA']) {
      expect(decryptSessionToken(junk, { secret, salt }), junk).toBeNull();
    }
  });
});

import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { readSessionToken, reissuedSessionCookie, servedOverHttps, sessionCookieName } from './session-cookie';

const secret = 'test-auth-secret-0123456789abcdef0123456789';
const limits = { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 };
const now = Math.floor(Date.now() / 1000);

function jar(entries: Record<string, string>) {
  return { get: (name: string) => (name in entries ? { value: entries[name]! } : undefined) };
}

async function signedIn(times: { authTime: number; lastSeen: number }, name = sessionCookieName(false)) {
  return jar({ [name]: await encode({ token: { sub: 'user-1', sv: 0, ...times }, secret, salt: name, maxAge: limits.idleSeconds }) });
}

describe('session cookie', () => {
  it('is re-issued on a page view with lastSeen moved to now, for another idle period', async () => {
    const cookies = await signedIn({ authTime: now - 3600, lastSeen: now - 600 });
    const cookie = reissuedSessionCookie(cookies, { https: false, secret, limits, now });
    expect(cookie).toMatchObject({ name: 'authjs.session-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } });
    expect(cookie!.options.expires.getTime()).toBe((now + limits.idleSeconds) * 1000);
    expect(readSessionToken(jar({ [cookie!.name]: cookie!.value }), cookie!.name, secret, now)).toMatchObject({
      sub: 'user-1',
      sv: 0,
      authTime: now - 3600,
      lastSeen: now,
    });
  });

  it('is left as it is when it was re-issued under a minute ago', async () => {
    expect(reissuedSessionCookie(await signedIn({ authTime: now - 3600, lastSeen: now - 59 }), { https: false, secret, limits, now })).toBeNull();
    expect(reissuedSessionCookie(await signedIn({ authTime: now - 3600, lastSeen: now - 60 }), { https: false, secret, limits, now })).toMatchObject({
      name: 'authjs.session-token',
      value: expect.stringMatching(/./),
    });
  });

  it('is cleared when the session has idled out or passed its absolute limit', async () => {
    for (const times of [
      { authTime: now - 3600, lastSeen: now - 31 * 60 },
      { authTime: now - 9 * 3600, lastSeen: now - 60 },
    ]) {
      const cookie = reissuedSessionCookie(await signedIn(times), { https: false, secret, limits, now });
      expect(cookie).toMatchObject({ value: '', options: { expires: new Date(0) } });
    }
  });

  it('is cleared when forged, and left alone when absent', () => {
    expect(reissuedSessionCookie(jar({ 'authjs.session-token': 'forged' }), { https: false, secret, limits, now })).toMatchObject({ value: '' });
    expect(reissuedSessionCookie(jar({}), { https: false, secret, limits, now })).toBeNull();
  });

  it('over HTTPS uses only the __Secure- cookie, marked Secure', async () => {
    const plain = await signedIn({ authTime: now - 120, lastSeen: now - 120 });
    expect(reissuedSessionCookie(plain, { https: true, secret, limits, now })).toBeNull();
    const secure = await signedIn({ authTime: now - 120, lastSeen: now - 120 }, '__Secure-authjs.session-token');
    expect(reissuedSessionCookie(secure, { https: true, secret, limits, now })).toMatchObject({
      name: '__Secure-authjs.session-token',
      options: { secure: true },
    });
  });

  it('reads a token split into Auth.js chunks', async () => {
    const name = sessionCookieName(false);
    const token = await encode({ token: { sub: 'user-1', authTime: now, lastSeen: now }, secret, salt: name, maxAge: 600 });
    const chunks = jar({ [`${name}.0`]: token.slice(0, 100), [`${name}.1`]: token.slice(100) });
    expect(readSessionToken(chunks, name, secret)).toMatchObject({ sub: 'user-1' });
  });

  it('knows HTTPS from the URL or the proxy in front', () => {
    const headers = (proto?: string) => new Headers(proto ? { 'x-forwarded-proto': proto } : {});
    expect(servedOverHttps('https:', headers())).toBe(true);
    expect(servedOverHttps('http:', headers('https, http'))).toBe(true);
    expect(servedOverHttps('http:', headers('http'))).toBe(false);
    expect(servedOverHttps(undefined, headers())).toBe(false);
  });

  it('follows AUTH_URL (or NEXTAUTH_URL) when set, as Auth.js does when it names the cookie', () => {
    const headers = (proto?: string) => new Headers(proto ? { 'x-forwarded-proto': proto } : {});
    expect(servedOverHttps(undefined, headers(), { AUTH_URL: 'https://console.firm.example' })).toBe(true);
    expect(servedOverHttps('https:', headers('https'), { AUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(servedOverHttps(undefined, headers(), { NEXTAUTH_URL: 'https://console.firm.example' })).toBe(true);
    expect(servedOverHttps(undefined, headers('https'), {})).toBe(true);
  });
});

// The session cookie as Auth.js writes it (an encrypted JWT named after the cookie), read by
// every page view and re-issued by the proxy. Running Auth.js's request handler for this on
// every view cost more than the rest of a trivial page; Auth.js still signs users in and out.
import { decryptSessionToken, encryptSessionToken } from './session-jwe';
import { touchSession, type SessionLimits } from './session-limits';

export type SessionClaims = Record<string, unknown>;

const SESSION_COOKIE = 'authjs.session-token';

/** Auth.js's name for the session cookie: `__Secure-` prefixed when served over HTTPS. */
export function sessionCookieName(https: boolean): string {
  return https ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** Both names, for "is anybody signed in at all". */
export const SESSION_COOKIE_NAMES = [sessionCookieName(false), sessionCookieName(true)] as const;

/**
 * Whether the session cookie carries the `__Secure-` name, by Auth.js's own rule (it names the
 * cookie it sets at sign-in): the protocol of AUTH_URL (or NEXTAUTH_URL) when one is set, else
 * the request's, as a proxy in front reports it (trustHost).
 */
export function servedOverHttps(protocol: string | undefined, headers: Pick<Headers, 'get'>, env: Record<string, string | undefined> = process.env): boolean {
  const configured = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (configured) return configured.trim().toLowerCase().startsWith('https:');
  return protocol === 'https:' || headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

type CookieReader = { get(name: string): { value: string } | undefined };

/** The raw token, whole or in the `.0`, `.1`, … chunks Auth.js splits a long cookie into. */
function readToken(cookies: CookieReader, name: string): string | undefined {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  let joined = '';
  for (let i = 0; ; i++) {
    const chunk = cookies.get(`${name}.${i}`)?.value;
    if (chunk === undefined) break;
    joined += chunk;
  }
  return joined || undefined;
}

/** The session's claims, or null when there is no cookie or it does not decrypt (forged, other key, expired). */
export function readSessionToken(cookies: CookieReader, name: string, secret: string, now?: number): SessionClaims | null {
  const token = readToken(cookies, name);
  return token ? decryptSessionToken(token, { secret, salt: name, now }) : null;
}

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; expires: Date };
};

/**
 * How stale `lastSeen` may be before a view re-issues the cookie: not on every view (encrypting
 * a token is not free), so a session may end up to this much before its idle limit.
 */
const REISSUE_AFTER_SECONDS = 60;

/**
 * The cookie a page view sends back: the same session with `lastSeen` moved to now, living for
 * another idle period; an expired one (value '') when the session has ended or is not valid;
 * null when the request has no session cookie of this name, or its `lastSeen` is under
 * REISSUE_AFTER_SECONDS old.
 */
export function reissuedSessionCookie(
  cookies: CookieReader,
  { https, secret, limits, now = Math.floor(Date.now() / 1000) }: { https: boolean; secret: string; limits: SessionLimits; now?: number },
): SessionCookie | null {
  const name = sessionCookieName(https);
  if (!readToken(cookies, name)) return null;
  const current = readSessionToken(cookies, name, secret, now);
  const touched = current && touchSession(current, limits, now);
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure: https } as const;
  if (!touched) return { name, value: '', options: { ...options, expires: new Date(0) } };
  if (typeof current.lastSeen === 'number' && now - current.lastSeen < REISSUE_AFTER_SECONDS) return null;
  const value = encryptSessionToken(touched, { secret, salt: name, maxAge: limits.idleSeconds, now });
  return { name, value, options: { ...options, expires: new Date((now + limits.idleSeconds) * 1000) } };
}

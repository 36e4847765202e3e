import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { AuditActor } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import { findUserById, type UserRecord } from '@/lib/users/store';
import type { Role } from '@/lib/users/roles';
import { safeReturnPath } from './return-to';
import { readSessionToken, servedOverHttps, sessionCookieName } from './session-cookie';
import { sessionAlive } from './session-limits';

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The user as the audit trail names them. */
export const auditActor = (user: Pick<CurrentUser, 'id' | 'email' | 'role'>): AuditActor => ({ id: user.id, email: user.email, role: user.role });

/**
 * The one authorization gate. The session cookie only names the user; the account's role and
 * status are read from the database on every request, so a disabled account or a changed role
 * applies at once. The idle and absolute session limits are checked here too, not only by the
 * cookie's expiry.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const env = getEnv();
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(servedOverHttps(undefined, headerList));
  const session = readSessionToken(cookieStore, name, env.authSecret);
  if (!session || !sessionAlive(session, env.session)) return null;
  const user = await accountOfSession(session);
  return user && { id: user.id, email: user.email, name: user.name, role: user.role as Role };
});

/**
 * The active account a session names, while the session's version still stands: sign-out, a
 * disabled account and a password reset each end it. Auth.js's own session endpoint asks too.
 */
export async function accountOfSession(session: { sub?: unknown; sv?: unknown }): Promise<UserRecord | null> {
  const id = session.sub;
  if (typeof id !== 'string' || !id) return null;
  const user = await findUserById(id);
  return user && user.status === 'active' && user.session_version === (session.sv ?? 0) ? user : null;
}

/** For pages and layouts: signed-out visitors go to the sign-in page and come back after. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const returnTo = safeReturnPath((await headers()).get('x-return-to'));
    redirect(returnTo === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  return user;
}

export async function requireRole(roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}

export type Denied = { ok: false; message: string; denied: true };

/** For server actions and route handlers: a result instead of a redirect. */
export async function authorize(roles: readonly Role[]): Promise<{ ok: true; user: CurrentUser } | (Denied & { user: CurrentUser | null })> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, denied: true, user: null, message: 'Your session has ended. Sign in again to continue.' };
  if (!roles.includes(user.role)) {
    return { ok: false, denied: true, user, message: 'Your role does not allow this action.' };
  }
  return { ok: true, user };
}

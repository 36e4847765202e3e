import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { AuditActor } from '@/lib/audit/trail';
import type { Denied } from '@/lib/result';
import { getEnv } from '@/lib/env';
import type { UserRecord } from '@/lib/users/store';
import type { Role } from '@/lib/users/roles';
import { safeReturnPath } from './return-to';
import { readSessionToken, servedOverHttps, sessionCookieName } from './session-cookie';
import { sessionAlive } from './session-limits';
import { sessionStateOf, type PendingStep, type SessionRow, type SessionState } from './sessions';

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The user as the audit trail names them. */
export const auditActor = (user: Pick<CurrentUser, 'id' | 'email' | 'role'>): AuditActor => ({ id: user.id, email: user.email, role: user.role });

/**
 * The one authorization gate. The session cookie only names the user and the session; the
 * account's role and status and the session's row (ended? second factor given?) are read from
 * the database on every request, so a disabled account, a changed role or an ended session
 * applies at once. The idle and absolute session limits are checked here too, not only by the
 * cookie's expiry.
 */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  const env = getEnv();
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(servedOverHttps(undefined, headerList));
  const claims = readSessionToken(cookieStore, name, env.authSecret);
  if (!claims || !sessionAlive(claims, env.session)) return null;
  return sessionStateOf(claims);
});

const asCurrentUser = (user: UserRecord): CurrentUser => ({ id: user.id, email: user.email, name: user.name, role: user.role as Role });

/** The signed-in user; null without a session, and for a session still pending its second factor. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const state = await getSessionState();
  return state?.kind === 'active' ? asCurrentUser(state.user) : null;
});

/** The signed-in user's session row (for step-up and the account page); null as for `getCurrentUser`. */
export async function currentSession(): Promise<SessionRow | null> {
  const state = await getSessionState();
  return state?.kind === 'active' ? state.session : null;
}

/**
 * For pages and layouts: signed-out visitors go to the sign-in page and come back after; a
 * session pending its second factor goes to give it (or to set one up) first.
 */
export async function requireUser(): Promise<CurrentUser> {
  const state = await getSessionState();
  if (state?.kind === 'active') return asCurrentUser(state.user);
  const returnTo = safeReturnPath((await headers()).get('x-return-to'));
  const back = returnTo === '/' ? '' : `?callbackUrl=${encodeURIComponent(returnTo)}`;
  redirect(state?.kind === 'pending' ? `/sign-in/${state.step}${back}` : `/sign-in${back}`);
}

/**
 * For the second-factor pages: the sign-in pending `step`. A signed-out visitor goes to sign in,
 * an opened session to where it was going, and a pending one to its own step.
 */
export async function requirePendingSignIn(step: PendingStep, returnTo: string): Promise<Extract<SessionState, { kind: 'pending' }>> {
  const state = await getSessionState();
  const back = returnTo === '/' ? '' : `?callbackUrl=${encodeURIComponent(returnTo)}`;
  if (!state) redirect(`/sign-in${back}`);
  if (state.kind === 'active') redirect(returnTo);
  if (state.step !== step) redirect(`/sign-in/${state.step}${back}`);
  return state;
}

export async function requireRole(roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** For server actions and route handlers: a result instead of a redirect. */
export async function authorize(roles: readonly Role[]): Promise<{ ok: true; user: CurrentUser } | (Denied & { user: CurrentUser | null })> {
  const state = await getSessionState();
  if (state?.kind === 'pending') return { ok: false, kind: 'denied', user: null, message: 'Finish signing in with your second factor first.' };
  const user = state && asCurrentUser(state.user);
  if (!user) return { ok: false, kind: 'denied', user: null, message: 'Your session has ended. Sign in again to continue.' };
  if (!roles.includes(user.role)) {
    return { ok: false, kind: 'denied', user, message: 'Your role does not allow this action.' };
  }
  return { ok: true, user };
}

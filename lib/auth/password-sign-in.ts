import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import { demoAccountBarred } from '@/lib/users/demo';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '@/lib/users/passwords';
import { findUserByEmail, upgradePasswordHash } from '@/lib/users/store';
import { clientAddress } from './client-address';
import { reserveSignInAttempt, settleSignInAttempt } from './throttle';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string | null; sessionVersion: number };

export type PasswordCheck = { ok: true; user: AuthenticatedUser } | { ok: false; throttled: boolean };

/**
 * Checks an email and password: the one path every password sign-in takes (Auth.js's
 * `authorize`, behind both the sign-in form and /api/auth/callback/credentials). The throttle
 * is asked, and the attempt counted, before any hash is computed. Every outcome is an audit
 * event, and all failures look alike to the caller.
 */
export async function authenticateWithPassword(credentials: unknown, request: { headers: Pick<Headers, 'get'> }): Promise<PasswordCheck> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, throttled: false };
  const { email, password } = parsed.data;
  const env = getEnv();
  const client = clientAddress(request.headers, env.trustedProxyHops);

  const decision = await reserveSignInAttempt(email, client);
  if (!decision.allowed) return { ok: false, throttled: true };

  const user = await findUserByEmail(email);
  // Unknown emails cost the same hashing time as known ones, so timing does not reveal accounts.
  const passwordOk = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  // A demo account never opens a console that talks to a real Artemis, whatever its row says.
  const reason = !user
    ? 'unknown_email'
    : !passwordOk
      ? 'wrong_password'
      : user.status !== 'active'
        ? 'account_disabled'
        : demoAccountBarred(email)
          ? 'demo_account'
          : user.password_expires_at !== null && user.password_expires_at <= new Date().toISOString()
            ? 'one_time_password_expired'
            : null;

  if (!user || reason) {
    const lockouts = await settleSignInAttempt(decision.reservation, false);
    const actor = { id: user?.id ?? null, email, role: user?.role ?? null };
    await recordAuditEvent({ action: 'auth.sign_in_failed', actor, detail: { client, reason } });
    if (lockouts.length > 0) await recordAuditEvent({ action: 'auth.locked_out', actor, detail: { client, lockouts } });
    return { ok: false, throttled: false };
  }

  await settleSignInAttempt(decision.reservation, true);
  if (needsRehash(user.password_hash)) await upgradePasswordHash(user.id, user.password_hash, await hashPassword(password));
  await recordAuditEvent({ action: 'auth.sign_in', actor: { id: user.id, email: user.email, role: user.role }, detail: { client } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.session_version } };
}

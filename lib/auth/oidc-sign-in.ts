import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { demoAccountBarred } from '@/lib/users/demo';
import { findUserByEmail } from '@/lib/users/store';
import type { AuthenticatedUser } from './password-sign-in';

/**
 * Single sign-on proves who someone is; this console still decides whether they may come in:
 * the provider's verified email must name an active local account, whose role applies.
 * Every outcome is an audit event, as for passwords.
 */
export async function authenticateWithOidc(profile: Record<string, unknown> | undefined): Promise<AuthenticatedUser | null> {
  const email = typeof profile?.email === 'string' ? profile.email.trim().toLowerCase().slice(0, 254) : '';
  // Only a provider that says the email is verified (the boolean true) vouches for it: a missing
  // claim, or the string "false", would let anyone who controls the profile take a local account.
  const verified = profile?.email_verified === true;
  const user = email ? await findUserByEmail(email) : null;
  const reason = !email
    ? 'no_email'
    : !verified
      ? 'email_not_verified'
      : !user
        ? 'unknown_email'
        : user.status !== 'active'
          ? 'account_disabled'
          : demoAccountBarred(email)
            ? 'demo_account'
            : null;

  if (!user || reason) {
    await recordAuditEvent({
      action: 'auth.sign_in_failed',
      actor: { id: user?.id ?? null, email: email || 'unknown', role: user?.role ?? null },
      detail: { method: 'oidc', reason, subject: typeof profile?.sub === 'string' ? profile.sub.slice(0, 200) : null },
    });
    return null;
  }
  await recordAuditEvent({
    action: 'auth.sign_in',
    actor: { id: user.id, email: user.email, role: user.role },
    detail: { method: 'oidc' },
  });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.session_version };
}

/** The local account behind a completed single sign-on, looked up again when the session is made. */
export async function localAccountFor(email: unknown): Promise<AuthenticatedUser | null> {
  if (typeof email !== 'string' || !email) return null;
  const user = await findUserByEmail(email);
  if (!user || user.status !== 'active' || demoAccountBarred(user.email)) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.session_version };
}

/** `amr` values (RFC 8176) that say the provider checked more than one factor. */
const MULTI_FACTOR_AMR = new Set(['mfa', 'hwk', 'swk', 'otp']);

/**
 * Whether a single sign-on counts as two factors: only when the console is told to trust the
 * provider on it (AUTH_OIDC_REQUIRE_MFA), and the ID token says so in `amr`, or carries the
 * configured `acr`. Otherwise the console asks for its own second factor where one is needed.
 */
export function oidcVouchesForTwoFactors(profile: unknown, oidc: { requireMfa: boolean; acr: string | undefined } | undefined): boolean {
  if (!oidc?.requireMfa || !profile || typeof profile !== 'object') return false;
  const { amr, acr } = profile as { amr?: unknown; acr?: unknown };
  if (Array.isArray(amr) && amr.some((method) => typeof method === 'string' && MULTI_FACTOR_AMR.has(method))) return true;
  return oidc.acr !== undefined && acr === oidc.acr;
}

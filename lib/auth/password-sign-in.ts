import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { findUserByEmail } from '@/lib/users/store';
import { verifyAgainstDummy, verifyPassword } from '@/lib/users/passwords';
import { recordSignInFailure, recordSignInSuccess } from './throttle';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string | null; sessionVersion: number };

/** Checks an email and password; every outcome is an audit event, and both failures look alike. */
export async function authenticateWithPassword(credentials: unknown, request: Request): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const client = clientAddress(request);

  const user = await findUserByEmail(email);
  // Unknown emails cost the same hashing time as known ones, so timing does not reveal accounts.
  const passwordOk = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  const active = user?.status === 'active';

  if (!user || !passwordOk || !active) {
    recordSignInFailure(email, client);
    await recordAuditEvent({
      action: 'auth.sign_in_failed',
      actor: { id: user?.id ?? null, email, role: user?.role ?? null },
      detail: { client, reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'account_disabled' },
    });
    return null;
  }

  recordSignInSuccess(email);
  await recordAuditEvent({ action: 'auth.sign_in', actor: { id: user.id, email: user.email, role: user.role }, detail: { client } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.session_version };
}

export function clientAddress(request: { headers: Headers }): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return (forwarded || request.headers.get('x-real-ip') || 'local').slice(0, 64);
}

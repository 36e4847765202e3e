import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import { endUserSessions } from '@/lib/users/store';
import { sessionAlive } from './session-limits';
import { sessionStateOf } from './sessions';

/**
 * Sign-out ends the session on the server, not only in this browser: the account's session
 * version moves on, so a copy of the cookie (and every other session of the account) stops
 * working at once. Called by Auth.js for the header's sign-out and for POST /api/auth/signout,
 * with the token of the cookie sent: only a session the gate would still accept ends anything.
 */
export async function endSessionAtSignOut(token: { sub?: unknown; sv?: unknown; sid?: unknown } | null | undefined): Promise<void> {
  if (!token || typeof token.sub !== 'string' || token.sub === '' || !sessionAlive(token, getEnv().session)) return;
  // Only a session the gate knows (its row, its account, its version), open or pending.
  if (!(await sessionStateOf(token))) return;
  const user = await endUserSessions(token.sub, typeof token.sv === 'number' ? token.sv : 0);
  if (!user) return;
  await recordAuditEvent({ action: 'auth.sign_out', actor: { id: user.id, email: user.email, role: user.role } });
}

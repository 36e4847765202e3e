import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import { sessionAlive } from './session-limits';
import { endOwnSession, sessionStateOf } from './sessions';

/**
 * Sent with every sign-out's answer: the browser drops what it cached of the console's pages
 * (faces included) and its storage. Cookies are cleared by Auth.js itself.
 */
export const CLEAR_SITE_DATA = { 'Clear-Site-Data': '"cache", "storage"' } as const;

/**
 * Sign-out ends this session on the server, not only in this browser: its row is marked ended,
 * so a copy of the cookie stops working at once, while the account's other sessions go on (each
 * can be ended from /account). Called by Auth.js for the header's sign-out and for POST
 * /api/auth/signout, with the token of the cookie sent: only a session the gate would still
 * accept ends anything.
 */
export async function endSessionAtSignOut(token: { sub?: unknown; sv?: unknown; sid?: unknown } | null | undefined): Promise<void> {
  if (!token || typeof token.sub !== 'string' || token.sub === '' || !sessionAlive(token, getEnv().session)) return;
  // Only a session the gate knows (its row, its account, its version), open or pending.
  const state = await sessionStateOf(token);
  if (!state || !(await endOwnSession(state.user.id, state.session.id))) return;
  await recordAuditEvent({
    action: 'auth.sign_out',
    actor: { id: state.user.id, email: state.user.email, role: state.user.role },
    detail: { session: state.session.id.slice(0, 8) },
  });
}

import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authorize, type CurrentUser } from '@/lib/auth/session';
import { USER_ADMIN_ROLES } from './roles';
import { UserError } from './store';
import type { UserActionResult } from './admin-schemas';

/**
 * The gate of every user-admin action: admins only; a signed-in non-admin's attempt is an
 * audit event (`user.denied`), as an auditor's override attempt is.
 */
export async function authorizeUserAdmin(
  operation: string,
): Promise<{ ok: true; user: CurrentUser } | { ok: false; result: UserActionResult }> {
  const gate = await authorize(USER_ADMIN_ROLES);
  if (gate.ok) return gate;
  if (gate.user) {
    await recordAuditEvent({
      action: 'user.denied',
      actor: { id: gate.user.id, email: gate.user.email, role: gate.user.role },
      detail: { operation },
    });
  }
  return { ok: false, result: { ok: false, message: gate.message } };
}

export const actorOf = (user: CurrentUser) => ({ id: user.id, email: user.email, role: user.role });

/** Expected store failures (unknown account, duplicate email…) become a plain-words result. */
export function userErrorResult(error: unknown): UserActionResult {
  if (error instanceof UserError) {
    return { ok: false, message: error.code === 'not_found' ? 'That account no longer exists.' : error.message };
  }
  throw error;
}

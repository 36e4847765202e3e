import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { AuditActor } from '@/lib/audit/trail';
import { authAction } from './action';
import { auditActor, type CurrentUser } from './session';
import type { UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';
import { DuplicateEmailError, InvalidUserInputError, UserError } from '@/lib/users/store';

type ConsoleChange = { actor: AuditActor; source: 'console' };

/**
 * A user-admin action: admins only, and anyone else's attempt is a `user.denied` event naming
 * the operation; the admin confirms who they are first (step-up). The body gets the change's audit options; the store's expected refusals
 * become answers, and a change made refreshes the user list.
 */
export function userAdminAction<S extends z.ZodType>(
  options: { operation: string; schema: S; invalid: string },
  body: (input: z.output<S>, change: ConsoleChange, user: CurrentUser) => Promise<UserActionResult>,
) {
  return authAction(
    {
      roles: USER_ADMIN_ROLES,
      schema: options.schema,
      invalid: options.invalid,
      denial: { action: 'user.denied', detail: { operation: options.operation } },
      expected: userChangeFailure,
      stepUp: true,
    },
    async (input, user) => {
      const result = await body(input, { actor: auditActor(user), source: 'console' }, user);
      if (result.ok) revalidatePath('/admin/users');
      return result;
    },
  );
}

/** The store's expected refusals (an email taken, an account gone) as an answer. */
function userChangeFailure(error: unknown): Exclude<UserActionResult, { ok: true }> | undefined {
  if (error instanceof DuplicateEmailError) {
    return { ok: false, kind: 'invalid', message: 'Some answers need attention.', fieldErrors: { email: ['An account with this email already exists'] } };
  }
  if (error instanceof InvalidUserInputError) {
    return { ok: false, kind: 'invalid', message: 'Some answers need attention.', fieldErrors: { [error.field]: [error.detail] } };
  }
  if (!(error instanceof UserError)) return undefined;
  return error.code === 'not_found'
    ? { ok: false, kind: 'not-found', message: 'That account no longer exists.' }
    : { ok: false, kind: 'failed', message: error.message };
}

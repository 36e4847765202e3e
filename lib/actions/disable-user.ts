'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { changeUserStatus, userChangeFailure } from '@/lib/users/admin';
import { userIdSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';

export const disableUserAction = authAction(
  {
    roles: USER_ADMIN_ROLES,
    schema: userIdSchema,
    invalid: 'No account was chosen.',
    denial: { action: 'user.denied', detail: { operation: 'disable' } },
    expected: userChangeFailure,
  },
  async ({ userId }, user): Promise<UserActionResult> => {
    // An admin locking themselves out would leave no one to undo it.
    if (userId === user.id) return { ok: false, kind: 'refused', message: 'You cannot disable your own account.' };
    const changed = await changeUserStatus(userId, 'disabled', { actor: auditActor(user), source: 'console' });
    revalidatePath('/admin/users');
    if (!changed) return { ok: true, message: 'Nothing to change: the account already was disabled.' };
    return { ok: true, message: `Disabled ${changed.email}; their sessions have ended.` };
  },
);

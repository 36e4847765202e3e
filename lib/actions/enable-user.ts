'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { changeUserStatus, userChangeFailure } from '@/lib/users/admin';
import { userIdSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';

export const enableUserAction = authAction(
  {
    roles: USER_ADMIN_ROLES,
    schema: userIdSchema,
    invalid: 'No account was chosen.',
    denial: { action: 'user.denied', detail: { operation: 'enable' } },
    expected: userChangeFailure,
  },
  async ({ userId }, user): Promise<UserActionResult> => {
    const changed = await changeUserStatus(userId, 'active', { actor: auditActor(user), source: 'console' });
    revalidatePath('/admin/users');
    if (!changed) return { ok: true, message: 'Nothing to change: the account already was active.' };
    return { ok: true, message: `Enabled ${changed.email}.` };
  },
);

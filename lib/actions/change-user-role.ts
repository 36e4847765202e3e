'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { changeUserRole, userChangeFailure } from '@/lib/users/admin';
import { changeRoleSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';

export const changeUserRoleAction = authAction(
  {
    roles: USER_ADMIN_ROLES,
    schema: changeRoleSchema,
    invalid: 'Some answers need attention.',
    denial: { action: 'user.denied', detail: { operation: 'change_role' } },
    expected: userChangeFailure,
  },
  async ({ userId, role }, user): Promise<UserActionResult> => {
    // An admin demoting themselves could leave no one able to manage accounts.
    if (userId === user.id && role !== 'admin') return { ok: false, kind: 'refused', message: 'You cannot remove your own admin role.' };
    const changed = await changeUserRole(userId, role, { actor: auditActor(user), source: 'console' });
    revalidatePath('/admin/users');
    if (!changed) return { ok: true, message: `Nothing to change: the account already was ${role}.` };
    return { ok: true, message: `${changed.email} is now ${changed.role}.` };
  },
);

'use server';

import { changeUserRole } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { changeRoleSchema } from '@/lib/users/admin-schemas';

export const changeUserRoleAction = userAdminAction(
  { operation: 'change_role', schema: changeRoleSchema, invalid: 'Some answers need attention.' },
  async ({ userId, role }, change, user) => {
    // An admin demoting themselves could leave no one able to manage accounts.
    if (userId === user.id && role !== 'admin') return { ok: false, kind: 'refused', message: 'You cannot remove your own admin role.' };
    const changed = await changeUserRole(userId, role, change);
    if (!changed) return { ok: true, message: `Nothing to change: the account already was ${role}.` };
    return { ok: true, message: `${changed.email} is now ${changed.role}.` };
  },
);

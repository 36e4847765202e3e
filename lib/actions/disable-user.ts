'use server';

import { changeUserStatus } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { userIdSchema } from '@/lib/users/admin-schemas';

export const disableUserAction = userAdminAction(
  { operation: 'disable', schema: userIdSchema, invalid: 'No account was chosen.' },
  async ({ userId }, change, user) => {
    // An admin locking themselves out would leave no one to undo it.
    if (userId === user.id) return { ok: false, kind: 'refused', message: 'You cannot disable your own account.' };
    const changed = await changeUserStatus(userId, 'disabled', change);
    if (!changed) return { ok: true, message: 'Nothing to change: the account already was disabled.' };
    return { ok: true, message: `Disabled ${changed.email}; their sessions have ended.` };
  },
);

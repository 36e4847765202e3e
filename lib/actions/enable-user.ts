'use server';

import { changeUserStatus } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { userIdSchema } from '@/lib/users/admin-schemas';

export const enableUserAction = userAdminAction(
  { operation: 'enable', schema: userIdSchema, invalid: 'No account was chosen.' },
  async ({ userId }, change) => {
    const changed = await changeUserStatus(userId, 'active', change);
    if (!changed) return { ok: true, message: 'Nothing to change: the account already was active.' };
    return { ok: true, message: `Enabled ${changed.email}.` };
  },
);

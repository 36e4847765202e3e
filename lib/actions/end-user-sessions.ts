'use server';

import { endAllSessionsOf } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { userIdSchema } from '@/lib/users/admin-schemas';

export const endUserSessionsAction = userAdminAction(
  { operation: 'end-sessions', schema: userIdSchema, invalid: 'No account was chosen.' },
  async ({ userId }, change) => {
    const user = await endAllSessionsOf(userId, change);
    return { ok: true, message: `Every session of ${user.email} has ended; they sign in again to continue.` };
  },
);

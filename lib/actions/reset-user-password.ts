'use server';

import { resetUserPassword } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { resetPasswordSchema } from '@/lib/users/admin-schemas';

/** Also ends every session of the account: whoever knew the old password is signed out. */
export const resetUserPasswordAction = userAdminAction(
  { operation: 'reset_password', schema: resetPasswordSchema, invalid: 'Some answers need attention.' },
  async ({ userId, password }, change) => {
    const changed = await resetUserPassword(userId, password, change);
    return { ok: true, message: `Password of ${changed.email} reset; their sessions have ended.` };
  },
);

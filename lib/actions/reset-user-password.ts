'use server';

import { ONE_TIME_PASSWORD_HOURS, resetUserPassword } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { userIdSchema } from '@/lib/users/admin-schemas';

/** A one-time password, shown to the admin once; every session of the account ends. */
export const resetUserPasswordAction = userAdminAction(
  { operation: 'reset_password', schema: userIdSchema, invalid: 'No account was chosen.' },
  async ({ userId }, change) => {
    const { user, oneTimePassword } = await resetUserPassword(userId, {}, change);
    return {
      ok: true,
      message: `Password of ${user.email} reset; their sessions have ended. Give them this one-time password: it works for ${ONE_TIME_PASSWORD_HOURS} hours, and they choose their own when they sign in.`,
      secret: oneTimePassword ?? undefined,
    };
  },
);

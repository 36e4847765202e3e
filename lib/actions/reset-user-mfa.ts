'use server';

import { resetUserMfa } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { userIdSchema } from '@/lib/users/admin-schemas';

export const resetUserMfaAction = userAdminAction(
  { operation: 'reset-mfa', schema: userIdSchema, invalid: 'No account was chosen.' },
  async ({ userId }, change) => {
    const { user, removed } = await resetUserMfa(userId, change);
    return {
      ok: true,
      message: `Two-factor reset for ${user.email} (${removed} factor${removed === 1 ? '' : 's'} removed); they set it up again at their next sign-in.`,
    };
  },
);

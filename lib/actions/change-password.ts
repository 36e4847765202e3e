'use server';

import { authAction } from '@/lib/auth/action';
import { changeOwnPassword } from '@/lib/auth/own-password';
import { currentSession } from '@/lib/auth/session';
import { changePasswordSchema } from '@/lib/users/password-schemas';
import { ROLES } from '@/lib/users/roles';

/** `/account`'s `Change password`: the current password proves who is asking, so no step-up. */
export const changePasswordAction = authAction(
  { roles: ROLES, schema: changePasswordSchema, invalid: 'Some answers need attention.' },
  async ({ currentPassword, newPassword }, user) => {
    const session = await currentSession();
    if (!session) return { ok: false as const, kind: 'denied' as const, message: 'Your session has ended. Sign in again to continue.' };
    return changeOwnPassword({ user, session }, currentPassword, newPassword);
  },
);

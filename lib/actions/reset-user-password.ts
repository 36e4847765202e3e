'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { resetUserPassword, userChangeFailure } from '@/lib/users/admin';
import { resetPasswordSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';

/** Also ends every session of the account: whoever knew the old password is signed out. */
export const resetUserPasswordAction = authAction(
  {
    roles: USER_ADMIN_ROLES,
    schema: resetPasswordSchema,
    invalid: 'Some answers need attention.',
    denial: { action: 'user.denied', detail: { operation: 'reset_password' } },
    expected: userChangeFailure,
  },
  async ({ userId, password }, user): Promise<UserActionResult> => {
    const changed = await resetUserPassword(userId, password, { actor: auditActor(user), source: 'console' });
    revalidatePath('/admin/users');
    return { ok: true, message: `Password of ${changed.email} reset; their sessions have ended.` };
  },
);

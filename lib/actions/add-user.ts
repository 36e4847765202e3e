'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { addUser, userChangeFailure } from '@/lib/users/admin';
import { addUserSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';

export const addUserAction = authAction(
  {
    roles: USER_ADMIN_ROLES,
    schema: addUserSchema,
    invalid: 'Some answers need attention.',
    denial: { action: 'user.denied', detail: { operation: 'add' } },
    expected: userChangeFailure,
  },
  async (input, user): Promise<UserActionResult> => {
    const created = await addUser(input, { actor: auditActor(user), source: 'console' });
    revalidatePath('/admin/users');
    return { ok: true, message: `Added ${created.email} as ${created.role}.` };
  },
);

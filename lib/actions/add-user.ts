'use server';

import { addUser } from '@/lib/users/admin';
import { userAdminAction } from '@/lib/auth/user-admin-action';
import { addUserSchema } from '@/lib/users/admin-schemas';

export const addUserAction = userAdminAction({ operation: 'add', schema: addUserSchema, invalid: 'Some answers need attention.' }, async (input, change) => {
  const created = await addUser(input, change);
  return { ok: true, message: `Added ${created.email} as ${created.role}.` };
});

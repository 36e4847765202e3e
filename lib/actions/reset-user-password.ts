'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { resetUserPassword } from '@/lib/users/admin';
import { actorOf, authorizeUserAdmin, userErrorResult } from '@/lib/users/admin-gate';
import { resetPasswordSchema, type UserActionResult } from '@/lib/users/admin-schemas';

/** Also ends every session of the account: whoever knew the old password is signed out. */
export async function resetUserPasswordAction(input: unknown): Promise<UserActionResult> {
  const gate = await authorizeUserAdmin('reset_password');
  if (!gate.ok) return gate.result;
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: 'Some answers need attention.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  let changed;
  try {
    changed = await resetUserPassword(parsed.data.userId, parsed.data.password, { actor: actorOf(gate.user), source: 'console' });
  } catch (error) {
    return userErrorResult(error);
  }
  revalidatePath('/admin/users');
  return { ok: true, message: `Password of ${changed.email} reset; their sessions have ended.` };
}

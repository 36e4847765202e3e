'use server';

import { revalidatePath } from 'next/cache';
import { changeUserStatus } from '@/lib/users/admin';
import { actorOf, authorizeUserAdmin, userErrorResult } from '@/lib/users/admin-gate';
import { userIdSchema, type UserActionResult } from '@/lib/users/admin-schemas';

export async function enableUserAction(input: unknown): Promise<UserActionResult> {
  const gate = await authorizeUserAdmin('enable');
  if (!gate.ok) return gate.result;
  const parsed = userIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'No account was chosen.' };
  let changed;
  try {
    changed = await changeUserStatus(parsed.data.userId, 'active', { actor: actorOf(gate.user), source: 'console' });
  } catch (error) {
    return userErrorResult(error);
  }
  revalidatePath('/admin/users');
  if (!changed) return { ok: true, message: 'Nothing to change: the account already was active.' };
  return { ok: true, message: `Enabled ${changed.email}.` };
}

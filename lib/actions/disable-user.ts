'use server';

import { revalidatePath } from 'next/cache';
import { changeUserStatus } from '@/lib/users/admin';
import { actorOf, authorizeUserAdmin, userErrorResult } from '@/lib/users/admin-gate';
import { userIdSchema, type UserActionResult } from '@/lib/users/admin-schemas';

export async function disableUserAction(input: unknown): Promise<UserActionResult> {
  const gate = await authorizeUserAdmin('disable');
  if (!gate.ok) return gate.result;
  const parsed = userIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'No account was chosen.' };
  // An admin locking themselves out would leave no one to undo it.
  if (parsed.data.userId === gate.user.id) return { ok: false, message: 'You cannot disable your own account.' };
  let changed;
  try {
    changed = await changeUserStatus(parsed.data.userId, 'disabled', { actor: actorOf(gate.user), source: 'console' });
  } catch (error) {
    return userErrorResult(error);
  }
  revalidatePath('/admin/users');
  if (!changed) return { ok: true, message: 'Nothing to change: the account already was disabled.' };
  return { ok: true, message: `Disabled ${changed.email}; their sessions have ended.` };
}

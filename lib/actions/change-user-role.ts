'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeUserRole } from '@/lib/users/admin';
import { actorOf, authorizeUserAdmin, userErrorResult } from '@/lib/users/admin-gate';
import { changeRoleSchema, type UserActionResult } from '@/lib/users/admin-schemas';

export async function changeUserRoleAction(input: unknown): Promise<UserActionResult> {
  const gate = await authorizeUserAdmin('change_role');
  if (!gate.ok) return gate.result;
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: 'Some answers need attention.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  // An admin demoting themselves could leave no one able to manage accounts.
  if (parsed.data.userId === gate.user.id && parsed.data.role !== 'admin') {
    return { ok: false, message: 'You cannot remove your own admin role.' };
  }
  let changed;
  try {
    changed = await changeUserRole(parsed.data.userId, parsed.data.role, { actor: actorOf(gate.user), source: 'console' });
  } catch (error) {
    return userErrorResult(error);
  }
  revalidatePath('/admin/users');
  if (!changed) return { ok: true, message: `Nothing to change: the account already was ${parsed.data.role}.` };
  return { ok: true, message: `${changed.email} is now ${changed.role}.` };
}

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addUser } from '@/lib/users/admin';
import { actorOf, authorizeUserAdmin, userErrorResult } from '@/lib/users/admin-gate';
import { addUserSchema, type UserActionResult } from '@/lib/users/admin-schemas';
import { DuplicateEmailError } from '@/lib/users/store';

export async function addUserAction(input: unknown): Promise<UserActionResult> {
  const gate = await authorizeUserAdmin('add');
  if (!gate.ok) return gate.result;
  const parsed = addUserSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: 'Some answers need attention.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  let created;
  try {
    created = await addUser(parsed.data, { actor: actorOf(gate.user), source: 'console' });
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      return { ok: false, message: 'Some answers need attention.', fieldErrors: { email: ['An account with this email already exists'] } };
    }
    return userErrorResult(error);
  }
  revalidatePath('/admin/users');
  return { ok: true, message: `Added ${created.email} as ${created.role}.` };
}

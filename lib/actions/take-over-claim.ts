'use server';

import { revalidatePath } from 'next/cache';
import type { Success } from '@/lib/result';
import { authAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { documentKeyFieldsSchema } from '@/lib/ids';
import { takeOverClaim } from '@/lib/claims/claims';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

const takeOver = authAction(
  { roles: OVERRIDE_ROLES, schema: documentKeyFieldsSchema, invalid: 'Unknown document.' },
  async ({ customerId, documentId }, user): Promise<Success> => {
    await takeOverClaim(await getDb(), user, customerId, documentId);
    revalidatePath(`/customers/${customerId}/documents/${documentId}`);
    return { ok: true };
  },
);

/**
 * The review screen's "Take over" form: an explicit, audited takeover of someone else's claim.
 * A plain form action answers nothing; the page re-renders with the claim that stands.
 */
export async function takeOverClaimAction(formData: FormData): Promise<void> {
  await takeOver(formData);
}

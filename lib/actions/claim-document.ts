'use server';

import { revalidatePath } from 'next/cache';
import type { Success } from '@/lib/result';
import { authAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { documentKeyFieldsSchema } from '@/lib/ids';
import { claimDocument } from '@/lib/claims/claims';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

const claim = authAction(
  { roles: OVERRIDE_ROLES, schema: documentKeyFieldsSchema, invalid: 'Unknown document.' },
  async ({ customerId, documentId }, user): Promise<Success> => {
    await claimDocument(await getDb(), user, customerId, documentId);
    revalidatePath(`/customers/${customerId}/documents/${documentId}`);
    return { ok: true };
  },
);

/**
 * The review screen's "Claim and review" form, for a document opened from another site (which
 * claims nothing by itself). Someone claiming it first wins; the page then says who.
 */
export async function claimDocumentAction(formData: FormData): Promise<void> {
  await claim(formData);
}

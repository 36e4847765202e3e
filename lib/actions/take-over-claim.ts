'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { positiveIdText } from '@/lib/ids';
import { authorize } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { takeOverClaim } from '@/lib/claims/claims';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

const schema = z.object({ customerId: positiveIdText, documentId: positiveIdText });

/** The review screen's "Take over" form: an explicit, audited takeover of someone else's claim. */
export async function takeOverClaimAction(formData: FormData): Promise<void> {
  const gate = await authorize(OVERRIDE_ROLES);
  if (!gate.ok) return;
  const parsed = schema.safeParse({ customerId: formData.get('customerId'), documentId: formData.get('documentId') });
  if (!parsed.success) return;
  const { customerId, documentId } = parsed.data;
  await takeOverClaim(await getDb(), gate.user, customerId, documentId);
  revalidatePath(`/customers/${customerId}/documents/${documentId}`);
}

'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { claimDocument } from '@/lib/claims/claims';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

const schema = z.object({ customerId: z.number().int().positive(), documentId: z.number().int().positive() });

export type RenewClaimResult = { ok: true; expiresAt: string } | { ok: false; message: string; heldBy?: string };

/** Keeps the open review screen's claim alive; reports when someone else has taken it over. */
export async function renewClaim(input: unknown): Promise<RenewClaimResult> {
  const gate = await authorize(OVERRIDE_ROLES);
  if (!gate.ok) return { ok: false, message: gate.message };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Unknown document.' };
  const result = await claimDocument(await getDb(), gate.user, parsed.data.customerId, parsed.data.documentId);
  return result.ok
    ? { ok: true, expiresAt: result.claim.expiresAt }
    : { ok: false, message: `Being reviewed by ${result.heldBy.userLabel}`, heldBy: result.heldBy.userLabel };
}

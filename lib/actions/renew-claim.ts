'use server';

import type { ActionResult, Failure } from '@/lib/result';
import { authAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { documentKeySchema } from '@/lib/ids';
import { claimDocument } from '@/lib/claims/claims';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

type RenewClaimResult = ActionResult<{ expiresAt: string }, Failure<'held', { heldBy: string }>>;

/** Keeps the open review screen's claim alive; reports when someone else has taken it over. */
export const renewClaimAction = authAction(
  { roles: OVERRIDE_ROLES, schema: documentKeySchema, invalid: 'Unknown document.' },
  async ({ customerId, documentId }, user): Promise<RenewClaimResult> => {
    const result = await claimDocument(await getDb(), user, customerId, documentId);
    if (!result.ok) return { ok: false, kind: 'held', message: `Being reviewed by ${result.heldBy.userLabel}`, heldBy: result.heldBy.userLabel };
    return { ok: true, expiresAt: result.claim.expiresAt };
  },
);

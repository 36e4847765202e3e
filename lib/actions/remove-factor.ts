'use server';

import { revalidatePath } from 'next/cache';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authAction } from '@/lib/auth/action';
import { listFactors, removeFactor } from '@/lib/users/factors';
import { auditActor } from '@/lib/auth/session';
import { factorOptional } from '@/lib/auth/sessions';
import { factorIdSchema } from '@/lib/auth/second-factor-schemas';
import { ROLES } from '@/lib/users/roles';

/** `Remove` one of one's own factors (after a step-up); never the last one where the policy asks for a factor. */
export const removeFactorAction = authAction(
  { roles: ROLES, schema: factorIdSchema, invalid: 'No factor was chosen.', stepUp: true },
  async ({ factorId }, user) => {
    const { factors } = await listFactors(user.id);
    if (!factors.some((f) => f.id === factorId)) return { ok: false as const, kind: 'not-found' as const, message: 'That factor is not on your account.' };
    if (factors.length === 1 && !factorOptional(user.role)) {
      return {
        ok: false as const,
        kind: 'refused' as const,
        message: 'This is your only second factor, and this console requires one: add another before removing it.',
      };
    }
    const removed = (await removeFactor(user.id, factorId))!;
    await recordAuditEvent({ action: 'auth.mfa_removed', actor: auditActor(user), detail: { factor: removed.kind, name: removed.name } });
    revalidatePath('/account');
    return { ok: true as const, message: `Removed ${removed.name}.` };
  },
);

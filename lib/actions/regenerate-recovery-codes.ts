'use server';

import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authAction } from '@/lib/auth/action';
import { listFactors, replaceRecoveryCodes } from '@/lib/users/factors';
import { auditActor } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { ROLES } from '@/lib/users/roles';

/** `Regenerate recovery codes` (after a step-up): ten new ones, shown once; the old ones stop working. */
export const regenerateRecoveryCodesAction = authAction(
  { roles: ROLES, schema: z.object({}), invalid: 'Nothing to send.', stepUp: true },
  async (_input, user) => {
    if ((await listFactors(user.id)).factors.length === 0)
      return { ok: false as const, kind: 'refused' as const, message: 'Recovery codes come with a second factor: set one up first.' };
    const recoveryCodes = await writeTransaction(await getDb(), async (trx) => {
      const codes = await replaceRecoveryCodes(user.id, trx);
      await recordAuditEvent({ action: 'auth.recovery_codes_replaced', actor: auditActor(user), detail: { count: codes.length } }, trx);
      return codes;
    });
    return { ok: true as const, recoveryCodes };
  },
);

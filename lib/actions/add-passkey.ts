'use server';

import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authAction } from '@/lib/auth/action';
import { passkeyRegistrationOptions, registerPasskey } from '@/lib/auth/passkeys';
import { auditActor, getSessionState } from '@/lib/auth/session';
import { passkeyNameSchema, passkeyRegistrationSchema } from '@/lib/auth/second-factor-schemas';
import { ROLES } from '@/lib/users/roles';

const SESSION_ENDED = { ok: false as const, kind: 'denied' as const, message: 'Your session has ended. Sign in again to continue.' };

/** `Add a passkey`, step one (after a step-up): what the browser needs to make one for this console. */
export const passkeyRegistrationOptionsAction = authAction(
  { roles: ROLES, schema: z.object({}), invalid: 'Nothing to send.', stepUp: true },
  async (_input, user) => {
    const state = await getSessionState();
    if (state?.kind !== 'active') return SESSION_ENDED;
    return { ok: true as const, options: await passkeyRegistrationOptions(user, state.session.id) };
  },
);

/** Step two: the browser's new passkey, named by its owner, is kept; the first factor comes with recovery codes. */
export const addPasskeyAction = authAction(
  { roles: ROLES, schema: passkeyNameSchema.extend({ answer: passkeyRegistrationSchema }), invalid: 'Name the passkey.', stepUp: true },
  async ({ name, answer }, user) => {
    const state = await getSessionState();
    if (state?.kind !== 'active') return SESSION_ENDED;
    const added = await registerPasskey(user.id, state.session.id, name, answer as unknown as RegistrationResponseJSON);
    if (!added) return { ok: false as const, kind: 'failed' as const, message: 'The passkey could not be checked. Try again.' };
    await recordAuditEvent({
      action: 'auth.mfa_enrolled',
      actor: auditActor(user),
      detail: { factor: 'webauthn', name, recoveryCodesIssued: added.recoveryCodes !== null },
    });
    return { ok: true as const, recoveryCodes: added.recoveryCodes };
  },
);

'use server';

import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { authAction } from '@/lib/auth/action';
import { passkeySignInOptions } from '@/lib/auth/passkeys';
import { getSessionState } from '@/lib/auth/session';
import { givePasskey } from '@/lib/auth/second-factor';
import { passkeyAnswerSchema } from '@/lib/auth/second-factor-schemas';
import { ROLES } from '@/lib/users/roles';

const SESSION_ENDED = { ok: false as const, kind: 'denied' as const, message: 'Your session has ended. Sign in again to continue.' };

/** `Confirm it's you` with a passkey, step one: a challenge for the account's passkeys. */
export const stepUpPasskeyOptionsAction = authAction({ roles: ROLES, schema: z.object({}), invalid: 'Nothing to send.' }, async () => {
  const state = await getSessionState();
  if (state?.kind !== 'active') return SESSION_ENDED;
  const options = await passkeySignInOptions(state.user.id, state.session.id);
  return options ? { ok: true as const, options } : { ok: false as const, kind: 'failed' as const, message: 'Your account has no passkey.' };
});

/** Step two: the browser's answer confirms. */
export const stepUpWithPasskeyAction = authAction(
  { roles: ROLES, schema: z.object({ answer: passkeyAnswerSchema }), invalid: 'The passkey answer could not be read.' },
  async ({ answer }) => {
    const state = await getSessionState();
    if (state?.kind !== 'active') return SESSION_ENDED;
    return givePasskey(state, answer as unknown as AuthenticationResponseJSON, 'step-up');
  },
);

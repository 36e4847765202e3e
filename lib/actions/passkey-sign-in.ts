'use server';

import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { pendingSignInAction } from '@/lib/auth/action';
import { passkeySignInOptions } from '@/lib/auth/passkeys';
import { safeReturnPath } from '@/lib/auth/return-to';
import { givePasskey } from '@/lib/auth/second-factor';
import { passkeyAnswerSchema, returnToSchema } from '@/lib/auth/second-factor-schemas';

/** `Use a passkey` at sign-in, step one: a challenge for the account's passkeys. */
export const passkeySignInOptionsAction = pendingSignInAction({ step: 'verify', schema: z.object({}), invalid: 'Nothing to send.' }, async (_input, state) => {
  const options = await passkeySignInOptions(state.user.id, state.session.id);
  return options ? { ok: true as const, options } : { ok: false as const, kind: 'failed' as const, message: 'This account has no passkey.' };
});

/** Step two: the browser's answer opens the session. */
export const verifySignInPasskeyAction = pendingSignInAction(
  { step: 'verify', schema: returnToSchema.extend({ answer: passkeyAnswerSchema }), invalid: 'The passkey answer could not be read.' },
  async ({ answer, callbackUrl }, state) => {
    const result = await givePasskey(state, answer as unknown as AuthenticationResponseJSON, 'sign-in');
    if (!result.ok) return result;
    redirect(safeReturnPath(callbackUrl));
  },
);

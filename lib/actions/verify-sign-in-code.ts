'use server';

import { redirect } from 'next/navigation';
import { pendingSignInAction } from '@/lib/auth/action';
import { safeReturnPath } from '@/lib/auth/return-to';
import { giveCode } from '@/lib/auth/second-factor';
import { authenticationCodeSchema, returnToSchema } from '@/lib/auth/second-factor-schemas';

/** `/sign-in/verify`: the code that opens a session pending its second factor. */
export const verifySignInCodeAction = pendingSignInAction(
  { step: 'verify', schema: authenticationCodeSchema.extend(returnToSchema.shape), invalid: 'Enter the code from your authenticator app, or a recovery code.' },
  async ({ code, callbackUrl }, state) => {
    const result = await giveCode(state, code, 'sign-in');
    if (!result.ok) return result;
    redirect(safeReturnPath(callbackUrl));
  },
);

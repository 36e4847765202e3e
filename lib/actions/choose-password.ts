'use server';

import { redirect } from 'next/navigation';
import { pendingSignInAction } from '@/lib/auth/action';
import { replaceOneTimePassword } from '@/lib/auth/own-password';
import { safeReturnPath } from '@/lib/auth/return-to';
import { choosePasswordSchema } from '@/lib/users/password-schemas';

/** `/sign-in/password`: the one-time password is replaced, and the session opens. */
export const choosePasswordAction = pendingSignInAction(
  { step: 'password', schema: choosePasswordSchema, invalid: 'Some answers need attention.' },
  async ({ newPassword, callbackUrl }, state) => {
    const result = await replaceOneTimePassword(state, newPassword);
    if (!result.ok) return result;
    redirect(safeReturnPath(callbackUrl));
  },
);

'use server';

import { authAction } from '@/lib/auth/action';
import type { Failure, Success } from '@/lib/result';
import { getSessionState } from '@/lib/auth/session';
import { giveCode, givePassword } from '@/lib/auth/second-factor';
import { stepUpSchema } from '@/lib/auth/second-factor-schemas';
import { ROLES } from '@/lib/users/roles';

/** `Confirm it's you`: a code (or, for an account without any factor, the password) before a sensitive action. */
export const confirmStepUpAction = authAction(
  { roles: ROLES, schema: stepUpSchema, invalid: 'Enter the code from your authenticator app, a recovery code, or your password.' },
  async (input): Promise<Success | Failure<'wrong-code' | 'throttled' | 'denied'>> => {
    const state = await getSessionState();
    if (state?.kind !== 'active') return { ok: false, kind: 'denied', message: 'Your session has ended. Sign in again to continue.' };
    return 'password' in input ? givePassword(state, input.password) : giveCode(state, input.code, 'step-up');
  },
);

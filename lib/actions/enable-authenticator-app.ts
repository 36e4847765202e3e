'use server';

import { z } from 'zod';
import { stepUpRefusal } from '@/lib/auth/action';
import { enableAuthenticatorApp } from '@/lib/auth/authenticator-app';
import { getSessionState } from '@/lib/auth/session';
import { authenticationCodeSchema } from '@/lib/auth/second-factor-schemas';

/**
 * `Turn on two-factor`: the code that proves the app holds the offered secret. It serves the
 * forced set-up of a pending session (`/sign-in/setup`) and `/account` (after a step-up); any
 * other session, or none, gets a denial.
 */
export async function enableAuthenticatorAppAction(raw: unknown) {
  const state = await getSessionState();
  if (!state || (state.kind === 'pending' && state.step !== 'setup'))
    return { ok: false as const, kind: 'denied' as const, message: 'This sign-in has ended. Sign in again.' };
  if (state.kind === 'active') {
    const refused = await stepUpRefusal({ id: state.user.id, email: state.user.email, name: state.user.name, role: state.user.role });
    if (refused) return refused;
  }
  const parsed = authenticationCodeSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false as const,
      kind: 'invalid' as const,
      message: 'Enter the six digits your app shows.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  return enableAuthenticatorApp(state, parsed.data.code);
}

'use server';

import { z } from 'zod';
import { authAction } from '@/lib/auth/action';
import { offerAuthenticatorApp } from '@/lib/auth/authenticator-app';
import { getSessionState } from '@/lib/auth/session';
import { ROLES } from '@/lib/users/roles';

/** `/account`'s `Set up an authenticator app`: a new secret and its QR code (after a step-up). */
export const startAuthenticatorAppAction = authAction({ roles: ROLES, schema: z.object({}), invalid: 'Nothing to send.', stepUp: true }, async () => {
  const state = await getSessionState();
  if (state?.kind !== 'active') return { ok: false as const, kind: 'denied' as const, message: 'Your session has ended. Sign in again to continue.' };
  return { ok: true as const, ...(await offerAuthenticatorApp(state, { fresh: true })) };
});

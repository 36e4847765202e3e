'use server';

import { z } from 'zod';
import { OIDC_PROVIDER_ID, signIn } from '@/auth';
import { formFields } from '@/lib/auth/action';
import { safeReturnPath } from '@/lib/auth/return-to';
import { getEnv } from '@/lib/env';

/** Public by nature (it starts a sign-in); sends the browser to the configured provider. */
export async function signInWithOidcAction(formData: FormData): Promise<void> {
  if (!getEnv().oidc) return;
  const callbackUrl = z.string().max(2000).safeParse(formFields(formData).callbackUrl);
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnPath(callbackUrl.success ? callbackUrl.data : undefined) });
}

'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import { formFields } from '@/lib/auth/action';
import type { Failure } from '@/lib/result';
import { requestSource } from '@/lib/auth/request-source';
import { safeReturnPath } from '@/lib/auth/return-to';
import { signInWaitSeconds } from '@/lib/auth/throttle';
import { getEnv } from '@/lib/env';

/** Null until a sign-in fails; then why, with the email kept for the form. */
export type SignInState = Failure<'invalid-credentials' | 'throttled', { email: string }> | null;

const INVALID = 'Invalid email or password';

const signInSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  callbackUrl: z.string().optional(),
});

/** Public by nature: the sign-in form's action, with the throttle's wait worded when it applies. */
export async function signInWithPasswordAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const fields = formFields(formData);
  const parsed = signInSchema.safeParse({ email: fields.email, password: fields.password, callbackUrl: fields.callbackUrl });
  const email = typeof fields.email === 'string' ? fields.email.slice(0, 254) : '';
  if (!getEnv().mfa.passwordSignIn) return { ok: false, kind: 'invalid-credentials', message: 'Passwords are off here: use single sign-on.', email };
  if (!parsed.success) return { ok: false, kind: 'invalid-credentials', message: INVALID, email };

  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeReturnPath(parsed.data.callbackUrl),
    });
  } catch (error) {
    // signIn redirects by throwing; only its authentication errors are ours to answer. The
    // throttle itself lives in the one password check every path takes; this only words it.
    if (!(error instanceof AuthError)) throw error;
    const { client } = await requestSource();
    const wait = await signInWaitSeconds(parsed.data.email, client);
    if (wait > 0) return { ok: false, kind: 'throttled', message: `Too many failed sign-in attempts. Try again in ${wait} seconds.`, email };
    return { ok: false, kind: 'invalid-credentials', message: INVALID, email };
  }
  return null;
}

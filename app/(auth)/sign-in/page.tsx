import type { Metadata } from 'next';
import { AuthPanel } from '@/components/auth/auth-panel';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoSignIn } from '@/components/auth/sso-sign-in';
import { safeReturnPath } from '@/lib/auth/return-to';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  const env = getEnv();
  return (
    <AuthPanel title="Liveness Review Console" intro={<p>Sign in to review liveness results.</p>}>
      {env.mfa.passwordSignIn ? <SignInForm callbackUrl={returnTo} /> : null}
      {env.oidc ? <SsoSignIn callbackUrl={returnTo} error={typeof error === 'string' ? error : undefined} /> : null}
    </AuthPanel>
  );
}

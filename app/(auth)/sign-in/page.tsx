import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoSignIn } from '@/components/auth/sso-sign-in';
import { safeReturnPath } from '@/lib/auth/return-to';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <h1 className="text-xl font-semibold">Liveness Review Console</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-300">Sign in to review liveness results.</p>
        <SignInForm callbackUrl={returnTo} />
        {getEnv().oidc ? <SsoSignIn callbackUrl={returnTo} error={typeof error === 'string' ? error : undefined} /> : null}
      </div>
    </main>
  );
}

import type { Metadata } from 'next';
import { AuthPanel } from '@/components/auth/auth-panel';
import { ChoosePasswordForm } from '@/components/auth/choose-password-form';
import { safeReturnPath } from '@/lib/auth/return-to';
import { requirePendingSignIn } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Choose your password' };

/** After signing in with an admin's one-time password: nothing else opens until the person chooses their own. */
export default async function ChoosePasswordPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  const state = await requirePendingSignIn('password', returnTo);
  return (
    <AuthPanel
      title="Choose your password"
      intro={<p>Signed in as {state.user.email} with a one-time password from an admin. Choose your own password to continue.</p>}
    >
      <ChoosePasswordForm callbackUrl={returnTo} />
    </AuthPanel>
  );
}

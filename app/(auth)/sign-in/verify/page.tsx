import type { Metadata } from 'next';
import { AuthPanel } from '@/components/auth/auth-panel';
import { VerifyForm } from '@/components/auth/verify-form';
import { hasPasskey } from '@/lib/auth/passkeys';
import { safeReturnPath } from '@/lib/auth/return-to';
import { requirePendingSignIn } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Two-factor authentication' };

/** The second step of signing in: opens only for a session pending its second factor. */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  const state = await requirePendingSignIn('verify', returnTo);
  return (
    <AuthPanel
      title="Two-factor authentication"
      intro={<p>Signed in as {state.user.email}. Enter the code your authenticator app shows, or one of your recovery codes.</p>}
    >
      <VerifyForm callbackUrl={returnTo} passkey={await hasPasskey(state.user.id)} />
    </AuthPanel>
  );
}

import type { Metadata } from 'next';
import { AuthPanel } from '@/components/auth/auth-panel';
import { SetupAtSignIn } from '@/components/auth/setup-at-sign-in';
import { offerAuthenticatorApp } from '@/lib/auth/authenticator-app';
import { safeReturnPath } from '@/lib/auth/return-to';
import { requirePendingSignIn } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Set up two-factor authentication' };

/**
 * An account that must have a second factor and has none sets up an authenticator app before
 * anything else opens. Showing the page offers the session a secret (kept on it, so a reload
 * shows the same QR code).
 */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  const state = await requirePendingSignIn('setup', returnTo);
  return (
    <AuthPanel
      title="Set up two-factor authentication"
      intro={<p>This console asks everyone who can see customers&apos; faces for a second factor. Signed in as {state.user.email}.</p>}
    >
      <SetupAtSignIn enrolment={await offerAuthenticatorApp(state)} callbackUrl={returnTo} />
    </AuthPanel>
  );
}

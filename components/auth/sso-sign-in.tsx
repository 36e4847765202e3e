import { KeyRound } from '@/components/ui/icons';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { signInWithOidcAction } from '@/lib/actions/sign-in-with-oidc';

const ERRORS: Record<string, string> = {
  AccessDenied: 'Single sign-on worked, but there is no active account here for that email. Ask an admin.',
};

export function SsoSignIn({ callbackUrl, error }: { callbackUrl: string; error: string | undefined }) {
  return (
    <div className="mt-6 space-y-3 border-t border-slate-200 pt-4 dark:border-slate-700">
      {error ? <Alert tone="error" title={ERRORS[error] ?? 'Single sign-on did not complete. Try again.'} testId="sso-error" /> : null}
      <form action={signInWithOidcAction}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Button type="submit" variant="secondary" className="w-full">
          <KeyRound aria-hidden className="size-4" />
          Continue with single sign-on
        </Button>
      </form>
    </div>
  );
}

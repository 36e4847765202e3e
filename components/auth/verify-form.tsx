'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { KeyRound } from '@/components/ui/icons';
import { passkeySignInOptionsAction, verifySignInPasskeyAction } from '@/lib/actions/passkey-sign-in';
import { verifySignInCodeAction } from '@/lib/actions/verify-sign-in-code';
import { usePasskey } from './use-passkey';

type State = Awaited<ReturnType<typeof verifySignInCodeAction>> | null;

/** `/sign-in/verify`: a code (app or recovery), or the account's passkey. */
export function VerifyForm({ callbackUrl, passkey: offerPasskey }: { callbackUrl: string; passkey: boolean }) {
  const [state, formAction, pending] = useActionState<State, FormData>((_previous, form) => verifySignInCodeAction(form), null);
  const passkey = usePasskey(
    () => passkeySignInOptionsAction({}),
    (answer) => verifySignInPasskeyAction({ answer, callbackUrl }),
  );
  const error = state && !state.ok ? (state.kind === 'invalid' ? (state.fieldErrors.code?.[0] ?? state.message) : state.message) : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field id="code" label="Authentication code" error={error}>
          <Input id="code" name="code" autoComplete="one-time-code" spellCheck={false} required autoFocus {...describedBy('code', error)} />
        </Field>
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          {pending ? 'Verifying…' : 'Verify'}
        </Button>
      </form>
      {offerPasskey ? (
        <>
          <Button type="button" variant="secondary" className="w-full" disabled={passkey.pending} onClick={passkey.run}>
            <KeyRound aria-hidden className="size-4" />
            Use a passkey
          </Button>
          {passkey.error ? <Alert tone="error" title={passkey.error} testId="passkey-error" /> : null}
        </>
      ) : null}
    </div>
  );
}

'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { choosePasswordAction } from '@/lib/actions/choose-password';
import { NewPasswordField } from './new-password-field';

type State = Awaited<ReturnType<typeof choosePasswordAction>> | null;

/** `/sign-in/password`: the person's own password in place of an admin's one-time one. */
export function ChoosePasswordForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>((_previous, form) => choosePasswordAction(form), null);
  const fieldError = state && !state.ok && state.kind === 'invalid' ? state.fieldErrors.newPassword?.[0] : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <NewPasswordField id="new-password" error={fieldError} autoFocus />
      {state && !state.ok && state.kind !== 'invalid' ? <Alert tone="error" title={state.message} testId="choose-password-error" /> : null}
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? 'Saving…' : 'Set password and continue'}
      </Button>
    </form>
  );
}

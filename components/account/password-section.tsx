'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { changePasswordAction } from '@/lib/actions/change-password';

type State = Awaited<ReturnType<typeof changePasswordAction>> | null;

/** `/account`'s `Password`: the current one, then the new one; the other sessions end. */
export function PasswordSection() {
  const [state, formAction, pending] = useActionState<State, FormData>((_previous, form) => changePasswordAction(form), null);
  const errors = state && !state.ok && state.kind === 'invalid' ? state.fieldErrors : {};
  const current = errors.currentPassword?.[0];
  const next = errors.newPassword?.[0];
  return (
    <form action={formAction} className="max-w-md space-y-3" aria-label="Change password" noValidate>
      <Field id="current-password" label="Current password" error={current}>
        <Input
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          {...describedBy('current-password', current)}
        />
      </Field>
      <NewPasswordField id="account-new-password" error={next} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </Button>
      {state && (state.ok || state.kind !== 'invalid') ? (
        <Alert tone={state.ok ? 'success' : 'error'} title={state.message} testId={state.ok ? 'password-changed' : 'password-not-changed'} />
      ) : null}
    </form>
  );
}

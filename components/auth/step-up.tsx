'use client';

import { createContext, useContext, useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { KeyRound, LoaderCircle } from '@/components/ui/icons';
import { confirmStepUpAction } from '@/lib/actions/confirm-step-up';
import { stepUpPasskeyOptionsAction, stepUpWithPasskeyAction } from '@/lib/actions/step-up-passkey';
import type { StepUpRequired } from '@/lib/result';
import { usePasskey } from './use-passkey';

type Request = { need: StepUpRequired; retry?: () => void };

const StepUpContext = createContext<(need: StepUpRequired, retry?: () => void) => void>(() => undefined);

/**
 * `Confirm it's you` (SPEC §13): a sensitive action answered `step-up`, so the screen asks for a
 * factor (or, for an account without one, the password), then repeats the action as it was.
 */
export function useStepUp() {
  return useContext(StepUpContext);
}

/** Holds the one step-up dialog of the signed-in console. */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<Request | null>(null);
  return (
    <StepUpContext.Provider value={(need, retry) => setRequest({ need, retry })}>
      {children}
      {request ? (
        <StepUpDialog
          need={request.need}
          onClose={() => setRequest(null)}
          onConfirmed={() => {
            setRequest(null);
            request.retry?.();
          }}
        />
      ) : null}
    </StepUpContext.Provider>
  );
}

function StepUpDialog({ need, onClose, onConfirmed }: { need: StepUpRequired; onClose: () => void; onConfirmed: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const passkey = usePasskey(
    () => stepUpPasskeyOptionsAction({}),
    (answer) => stepUpWithPasskeyAction({ answer }),
    onConfirmed,
  );
  const withPassword = need.method === 'password';
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const submit = (form: FormData) =>
    startTransition(async () => {
      setError(null);
      const value = String(form.get('secret') ?? '');
      const result = await confirmStepUpAction(withPassword ? { password: value } : { code: value });
      if (result.ok) onConfirmed();
      else setError(result.message);
    });

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onCancel={onClose}
      className="m-auto w-full max-w-sm rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Confirm it&apos;s you
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {withPassword
          ? 'This change needs your password again.'
          : `This change needs your second factor again: a code from your authenticator app${need.passkey ? ', a passkey' : ''} or a recovery code.`}
      </p>
      <form action={submit} className="mt-4 space-y-3" noValidate>
        {withPassword ? (
          <Field id={`${id}-secret`} label="Password" error={error ?? undefined}>
            <Input
              id={`${id}-secret`}
              name="secret"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              {...describedBy(`${id}-secret`, error ?? undefined)}
            />
          </Field>
        ) : (
          <Field id={`${id}-secret`} label="Authentication code" error={error ?? undefined}>
            <Input
              id={`${id}-secret`}
              name="secret"
              autoComplete="one-time-code"
              required
              autoFocus
              spellCheck={false}
              {...describedBy(`${id}-secret`, error ?? undefined)}
            />
          </Field>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
            Confirm
          </Button>
          {need.passkey ? (
            <Button type="button" variant="secondary" disabled={passkey.pending} onClick={passkey.run}>
              <KeyRound aria-hidden className="size-4" />
              Use a passkey
            </Button>
          ) : null}
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
        {passkey.error ? <Alert tone="error" title={passkey.error} testId="step-up-passkey-error" /> : null}
      </form>
    </dialog>
  );
}

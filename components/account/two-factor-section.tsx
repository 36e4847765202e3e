'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { RecoveryCodes } from '@/components/auth/recovery-codes';
import { useStepUp } from '@/components/auth/step-up';
import { TotpSetup, type Enrolment } from '@/components/auth/totp-setup';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { KeyRound } from '@/components/ui/icons';
import { addPasskeyAction, passkeyRegistrationOptionsAction } from '@/lib/actions/add-passkey';
import { regenerateRecoveryCodesAction } from '@/lib/actions/regenerate-recovery-codes';
import { removeFactorAction } from '@/lib/actions/remove-factor';
import { startAuthenticatorAppAction } from '@/lib/actions/start-authenticator-app';
import type { Factor } from '@/lib/users/factors';
import { formatUtc } from '@/lib/format';

type Answer =
  | { ok: true; message?: string; recoveryCodes?: string[] | null }
  | { ok: false; kind: string; message: string; method?: 'factor' | 'password'; passkey?: boolean };

const KIND_LABELS = { totp: 'Authenticator app', webauthn: 'Passkey or security key' } as const;

/**
 * `/account`'s `Two-factor authentication`: the person's own factors and what they can do with
 * them. Every change asks for a step-up first, and repeats itself once confirmed.
 */
export function TwoFactorSection({ factors, recoveryCodesLeft, required }: { factors: Factor[]; recoveryCodesLeft: number; required: boolean }) {
  const router = useRouter();
  const askStepUp = useStepUp();
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [pending, startTransition] = useTransition();

  /** Runs a change; a `step-up` answer opens `Confirm it's you`, after which it runs again. */
  const run = (change: () => Promise<Answer | void>, after?: (answer: Extract<Answer, { ok: true }>) => void) => {
    const attempt = () =>
      startTransition(async () => {
        setMessage(null);
        try {
          const answer = await change();
          if (!answer) return;
          if (answer.ok) {
            if (answer.recoveryCodes) setCodes(answer.recoveryCodes);
            if (answer.message) setMessage({ ok: true, text: answer.message });
            after?.(answer);
            router.refresh();
          } else if (answer.kind === 'step-up')
            askStepUp({ ok: false, kind: 'step-up', message: answer.message, method: answer.method ?? 'factor', passkey: answer.passkey ?? false }, attempt);
          else setMessage({ ok: false, text: answer.message });
        } catch (error) {
          setMessage({
            ok: false,
            text:
              error instanceof Error && error.name === 'NotAllowedError'
                ? 'The passkey prompt was closed or timed out.'
                : 'The change could not be made. Try again.',
          });
        }
      });
    attempt();
  };

  const addPasskey = (form: FormData) => {
    const name = String(form.get('name') ?? '');
    run(async () => {
      const options = await passkeyRegistrationOptionsAction({});
      if (!options.ok) return options;
      const answer = await startRegistration({ optionsJSON: options.options });
      const added = await addPasskeyAction({ name, answer });
      return added.ok ? { ...added, message: `Added the passkey ${name}.` } : added;
    });
  };

  if (codes) return <RecoveryCodes codes={codes} onSaved={() => setCodes(null)} />;
  if (enrolment) {
    return (
      <TotpSetup
        enrolment={enrolment}
        onStepUp={askStepUp}
        onDone={() => {
          setEnrolment(null);
          setMessage({ ok: true, text: 'Your authenticator app is on.' });
          router.refresh();
        }}
      />
    );
  }
  const hasApp = factors.some((f) => f.kind === 'totp');
  return (
    <div className="space-y-4 text-sm">
      {factors.length === 0 ? (
        <p>
          {required
            ? 'This console requires a second factor: set one up now.'
            : 'No second factor yet. Add one so that a stolen password alone cannot open your account.'}
        </p>
      ) : (
        <ul
          aria-label="Your second factors"
          className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
        >
          {factors.map((factor) => (
            <li key={factor.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <KeyRound aria-hidden className="size-4 text-slate-500" />
              <span className="font-medium">{factor.name}</span>
              <span className="text-slate-600 dark:text-slate-300">
                {factor.name === KIND_LABELS[factor.kind] ? '' : `${KIND_LABELS[factor.kind]}, `}added {formatUtc(factor.createdAt)}
              </span>
              <Button
                type="button"
                variant="secondary"
                className="ml-auto px-2 py-1"
                disabled={pending}
                aria-label={`Remove ${factor.name}`}
                onClick={() => run(() => removeFactorAction({ factorId: factor.id }))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {factors.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <p data-testid="recovery-codes-left">Recovery codes: {recoveryCodesLeft} left</p>
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => regenerateRecoveryCodesAction({}))}>
            Regenerate recovery codes
          </Button>
        </div>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        {hasApp ? null : (
          <Button
            type="button"
            disabled={pending}
            onClick={() =>
              run(async () => {
                const started = await startAuthenticatorAppAction({});
                if (started.ok) setEnrolment({ secret: started.secret, qrCode: started.qrCode });
                return started.ok ? undefined : started;
              })
            }
          >
            Set up an authenticator app
          </Button>
        )}
        <form action={addPasskey} className="flex flex-wrap items-end gap-2">
          <Field id={`${id}-passkey`} label="Passkey name">
            <Input id={`${id}-passkey`} name="name" required maxLength={60} placeholder="e.g. Work laptop" />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>
            Add a passkey
          </Button>
        </form>
      </div>
      <div aria-live="polite">
        {message ? <Alert tone={message.ok ? 'success' : 'error'} title={message.text} testId={message.ok ? 'two-factor-ok' : 'two-factor-failed'} /> : null}
      </div>
    </div>
  );
}

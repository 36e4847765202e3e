'use client';

import { useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { enableAuthenticatorAppAction } from '@/lib/actions/enable-authenticator-app';
import type { StepUpRequired } from '@/lib/result';
import { RecoveryCodes } from './recovery-codes';

export type Enrolment = { secret: string; qrCode: string };

/** The secret as apps show it for typing: groups of four. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up an authenticator app: scan the QR code (or type the `Secret key`), prove it with a
 * code, then keep the recovery codes the first factor comes with.
 */
export function TotpSetup({
  enrolment,
  onDone,
  onStepUp,
}: {
  enrolment: Enrolment;
  onDone: () => void;
  onStepUp?: (need: StepUpRequired, retry: () => void) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (form: FormData) => {
    const code = String(form.get('code') ?? '');
    const send = () =>
      startTransition(async () => {
        setError(undefined);
        const result = await enableAuthenticatorAppAction({ code });
        if (result.ok) return result.recoveryCodes ? setCodes(result.recoveryCodes) : onDone();
        if (result.kind === 'step-up' && onStepUp) return onStepUp(result, send);
        setError(result.kind === 'invalid' ? (result.fieldErrors.code?.[0] ?? result.message) : result.message);
      });
    send();
  };

  if (codes) return <RecoveryCodes codes={codes} onSaved={onDone} />;
  return (
    <div className="space-y-4 text-sm">
      <p>Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), or type the secret key into it.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server; nothing to optimise */}
      <img src={enrolment.qrCode} alt="QR code for your authenticator app" width={180} height={180} className="mx-auto rounded bg-white p-2" />
      <Field id={`${id}-secret`} label="Secret key">
        <Input id={`${id}-secret`} readOnly value={grouped(enrolment.secret)} className="font-mono" spellCheck={false} />
      </Field>
      <form action={submit} className="space-y-3" noValidate>
        <Field id={`${id}-code`} label="Authentication code" error={error}>
          <Input id={`${id}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" required {...describedBy(`${id}-code`, error)} />
        </Field>
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          Turn on two-factor
        </Button>
      </form>
    </div>
  );
}

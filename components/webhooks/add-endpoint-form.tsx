'use client';

import { useId, useState } from 'react';
import { ActionMessage } from '@/components/admin/action-message';
import { useUserAction } from '@/components/admin/use-user-action';
import { Button } from '@/components/ui/button';
import { LoaderCircle } from '@/components/ui/icons';
import { describedBy, Field, Input } from '@/components/ui/field';
import { addEndpointAction } from '@/lib/actions/webhooks';
import { NOTIFICATION_EVENT_TYPES } from '@/lib/audit/actions';
import { NOTIFICATION_EVENT_LABELS } from '@/lib/notifications/schemas';
import type { FieldErrors } from '@/lib/result';

/** `Add endpoint`: the URL, the events to send, whether reason texts go too; the signing secret is shown once. */
export function AddEndpointForm() {
  const [secret, setSecret] = useState<string | null>(null);
  const { result, pending, onSubmit } = useUserAction(addEndpointAction, (outcome) => setSecret(outcome.ok ? (outcome.secret ?? null) : null));
  const id = useId();
  const errors: FieldErrors = result && !result.ok && result.kind === 'invalid' ? result.fieldErrors : {};
  const urlError = errors.url?.[0];
  const typesError = errors.eventTypes?.[0];

  return (
    <form aria-label="Add endpoint" noValidate onSubmit={onSubmit} className="space-y-3">
      <Field id={`${id}-url`} label="Endpoint URL" error={urlError}>
        <Input
          id={`${id}-url`}
          name="url"
          type="url"
          required
          placeholder="https://hooks.example.com/liveness"
          autoComplete="off"
          {...describedBy(`${id}-url`, urlError)}
        />
      </Field>
      <fieldset aria-describedby={typesError ? `${id}-types-error` : undefined}>
        <legend className="text-sm font-medium">Events to send</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {NOTIFICATION_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={type} defaultChecked className="size-4" />
              <span>
                {NOTIFICATION_EVENT_LABELS[type]} <code className="text-xs text-slate-600 dark:text-slate-300">{type}</code>
              </span>
            </label>
          ))}
        </div>
        {typesError ? (
          <p id={`${id}-types-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
            {typesError}
          </p>
        ) : null}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="includeReasonText" className="size-4" />
        Include reason texts and notes written by reviewers (they may hold personal data)
      </label>
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
        Add endpoint
      </Button>
      <ActionMessage result={result && result.ok ? { ...result, secret: undefined } : result} testId="add-endpoint" />
      {secret ? (
        <p className="text-sm">
          Signing secret:{' '}
          <code data-testid="webhook-secret" className="select-all break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono dark:bg-slate-800">
            {secret}
          </code>
        </p>
      ) : null}
    </form>
  );
}

'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle, RefreshCw } from '@/components/ui/icons';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { saveOverrideAction } from '@/lib/actions/save-override';
import type { DecisionSnapshot, OverrideResult } from '@/lib/overrides/results';
import { REASON_CODES, REASON_CODE_LABELS } from '@/lib/liveness/reason-codes';
import { overrideFormSchema, REASON_MAX_LENGTH, REASON_MIN_LENGTH, toPassFail, type OverrideFormInput, type OverrideFormValues } from '@/lib/overrides/schemas';
import { useNextInQueueHref } from '@/components/queue/save-and-next-link';
import { passFailText } from '@/lib/format';
import { isFieldTarget, isScreenShortcut } from './keyboard';

export function OverrideForm({
  customerId,
  documentId,
  version,
  seen,
}: {
  customerId: number;
  documentId: number;
  version: string;
  seen: DecisionSnapshot;
}) {
  const router = useRouter();
  const nextHref = useNextInQueueHref(customerId, documentId);
  const [result, setResult] = useState<OverrideResult | null>(null);
  const [pending, startTransition] = useTransition();
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const ids = useId();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    setFocus,
    resetField,
    control,
    formState: { errors },
  } = useForm<OverrideFormInput, unknown, OverrideFormValues>({
    resolver: zodResolver(overrideFormSchema),
    defaultValues: {
      conclusion: toPassFail(seen.conclusion),
      facialCheck: toPassFail(seen.facialCheck),
      reasonCode: undefined,
      reason: '',
    },
  });
  const reasonLength = (useWatch({ control, name: 'reason' }) ?? '').trim().length;

  useEffect(() => {
    const choose = (name: 'conclusion' | 'facialCheck', value: 'pass' | 'fail') => {
      setValue(name, value, { shouldDirty: true, shouldValidate: true });
      setAnnouncement(`${name === 'conclusion' ? 'Conclusion' : 'Facial check'} set to ${value === 'pass' ? 'Pass' : 'Fail'}`);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isScreenShortcut(event)) return;
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        formRef.current?.requestSubmit();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isFieldTarget(event.target)) return;
      const key = event.key.toLowerCase();
      const actions: Record<string, () => void> = event.shiftKey
        ? { p: () => choose('facialCheck', 'pass'), f: () => choose('facialCheck', 'fail') }
        : { p: () => choose('conclusion', 'pass'), f: () => choose('conclusion', 'fail'), c: () => setFocus('reasonCode'), r: () => setFocus('reason') };
      const action = actions[key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [setValue, setFocus]);

  const onSubmit = (values: OverrideFormValues) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setResult(null);
    startTransition(async () => {
      try {
        const outcome = await saveOverrideAction({ ...values, customerId, documentId, seenVersion: version });
        setResult(outcome);
        if (outcome.ok) resetField('reason', { defaultValue: '' });
        if (!outcome.ok && outcome.kind === 'invalid') {
          for (const [field, messages] of Object.entries(outcome.fieldErrors)) {
            if (messages?.[0] && field in overrideFormSchema.shape) setError(field as keyof OverrideFormInput, { message: messages[0] });
          }
        }
      } catch {
        // The request may have reached the server, and the server Artemis: nothing is known.
        setResult({
          ok: false,
          kind: 'unknown',
          message: 'The console did not answer, so whether the override reached Artemis is not known. Reload the document and look at its history before trying again; your input is kept.',
        });
      } finally {
        inFlight.current = false;
      }
    });
  };

  const fieldError = (id: string, message: string | undefined) =>
    message ? (
      <p id={id} className="mt-1 text-sm text-red-700 dark:text-red-300">
        {message}
      </p>
    ) : null;

  const radioGroup = (name: 'conclusion' | 'facialCheck', label: string) => {
    const shortcut = (value: 'pass' | 'fail') => `${name === 'facialCheck' ? 'Shift+' : ''}${value === 'pass' ? 'P' : 'F'}`;
    const errorId = `${ids}-${name}-error`;
    return (
      <fieldset role="radiogroup" aria-labelledby={`${ids}-${name}-legend`} aria-describedby={errors[name] ? errorId : undefined}>
        <legend id={`${ids}-${name}-legend`} className="text-sm font-medium">
          {label}
        </legend>
        <div className="mt-1 flex gap-4">
          {(['pass', 'fail'] as const).map((value) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" value={value} {...register(name)} aria-keyshortcuts={shortcut(value)} className="size-4 accent-indigo-700" />
              {value === 'pass' ? 'Pass' : 'Fail'}
            </label>
          ))}
        </div>
        {fieldError(errorId, errors[name]?.message)}
      </fieldset>
    );
  };

  return (
    <form ref={formRef} aria-label="Override" onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        {radioGroup('conclusion', 'Conclusion')}
        {radioGroup('facialCheck', 'Facial check')}
      </div>

      <div>
        <label htmlFor={`${ids}-reason-code`} className="block text-sm font-medium">
          Reason code
        </label>
        <select
          id={`${ids}-reason-code`}
          {...register('reasonCode')}
          aria-keyshortcuts="C"
          aria-invalid={errors.reasonCode ? true : undefined}
          aria-describedby={errors.reasonCode ? `${ids}-reason-code-error` : undefined}
          defaultValue=""
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        >
          <option value="" disabled>
            Choose a reason code…
          </option>
          {REASON_CODES.map((code) => (
            <option key={code} value={code}>
              {REASON_CODE_LABELS[code]}
            </option>
          ))}
        </select>
        {fieldError(`${ids}-reason-code-error`, errors.reasonCode?.message)}
      </div>

      <div>
        <label htmlFor={`${ids}-reason`} className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          id={`${ids}-reason`}
          rows={2}
          maxLength={REASON_MAX_LENGTH}
          {...register('reason')}
          aria-keyshortcuts="R"
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={`${ids}-reason-count${errors.reason ? ` ${ids}-reason-error` : ''}`}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <p id={`${ids}-reason-count`} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          {reasonLength} / {REASON_MAX_LENGTH} characters (at least {REASON_MIN_LENGTH})
        </p>
        {fieldError(`${ids}-reason-error`, errors.reason?.message)}
      </div>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending} aria-keyshortcuts="Control+Enter Meta+Enter">
          {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
          {pending ? 'Saving override…' : 'Save override'}
        </Button>
      </div>

      <p aria-live="polite" className="sr-only" data-testid="shortcut-announcement">
        {announcement}
      </p>
      <div aria-live="polite">
        {result?.ok && result.outcome === 'applied' ? (
          <Alert tone="success" role="status" title="Override saved" testId="override-saved">
            <p>
              Next:{' '}
              <Link href={nextHref} prefetch={false} className="font-medium underline">
                Save and next: next document in queue
              </Link>
            </p>
          </Alert>
        ) : null}
        {result?.ok && result.outcome === 'proposed' ? (
          <Alert tone="info" role="status" title="Awaiting approval" testId="override-proposed">
            <p>Under the four-eyes policy a second reviewer must approve this override. Nothing was sent to Artemis yet.</p>
          </Alert>
        ) : null}
      </div>
      {result && !result.ok && result.kind === 'conflict' ? (
        <Alert tone="warning" title={result.message} testId="override-conflict">
          {result.busy ? (
            <p>
              Nothing was sent to Artemis. Another decision on this document is being sent to Artemis right now, or waits to be confirmed. Reload in a
              moment to see its outcome; your reason stays in the form.
            </p>
          ) : (
            <>
              <p>Nothing was sent to Artemis. Someone or something changed this document after you opened it:</p>
              <ul className="list-disc pl-5">
                <li>Conclusion: {passFailText(seen.conclusion)} → {passFailText(result.current.conclusion)}</li>
                <li>Facial check: {passFailText(seen.facialCheck)} → {passFailText(result.current.facialCheck)}</li>
                <li>Liveness result: {passFailText(seen.livenessResult)} → {passFailText(result.current.livenessResult)}</li>
                <li>
                  Liveness confidence: {seen.confidence ?? '—'} → {result.current.confidence ?? '—'}
                </li>
              </ul>
              <p>Reload to see the document as it is now; your reason stays in the form.</p>
            </>
          )}
          <Button
            type="button"
            variant="secondary"
            className="mt-2"
            onClick={() => {
              setResult(null);
              router.refresh();
            }}
          >
            <RefreshCw aria-hidden className="size-4" />
            Reload document
          </Button>
        </Alert>
      ) : null}
      {result && !result.ok && result.kind === 'unknown' ? (
        <Alert tone="warning" title="Outcome unknown: Artemis did not confirm the override" testId="override-unknown">
          <p>{result.message}</p>
          {result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
      {result && !result.ok && result.kind === 'not-applied' ? (
        <Alert tone="error" title="Artemis did not apply the override" testId="override-not-applied">
          <p>{result.message}</p>
          <p>Your input is kept in the form. Reload the document before you try again.</p>
          {result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
      {result && !result.ok && !['conflict', 'unknown', 'not-applied'].includes(result.kind) ? (
        <Alert tone="error" title="The override was not saved" testId="override-failed">
          <p>{result.message}</p>
          {result.kind !== 'invalid' ? <p>Your input is kept in the form.</p> : null}
          {'requestId' in result && result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
    </form>
  );
}

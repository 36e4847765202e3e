'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle } from '@/components/ui/icons';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { describedBy, Field, RadioGroup, Textarea } from '@/components/ui/field';
import { OverrideOutcome } from './override-outcome';
import { ReasonCodeField } from './reason-code-field';
import { saveOverrideAction } from '@/lib/actions/save-override';
import type { DecisionSnapshot, OverrideResult } from '@/lib/overrides/results';
import { overrideFormSchema, REASON_MAX_LENGTH, REASON_MIN_LENGTH, toPassFail, type OverrideFormInput, type OverrideFormValues } from '@/lib/overrides/schemas';
import { useNextInQueueHref } from '@/components/queue/next-in-queue-link';
import { isFieldTarget, isScreenShortcut } from './keyboard';

export function OverrideForm({ customerId, documentId, version, seen }: { customerId: number; documentId: number; version: string; seen: DecisionSnapshot }) {
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
          message:
            'The console did not answer, so whether the override reached Artemis is not known. Reload the document and look at its history before trying again; your input is kept.',
        });
      } finally {
        inFlight.current = false;
      }
    });
  };

  const radioGroup = (name: 'conclusion' | 'facialCheck', label: string) => {
    const shortcut = (value: 'pass' | 'fail') => `${name === 'facialCheck' ? 'Shift+' : ''}${value === 'pass' ? 'P' : 'F'}`;
    const options = (['pass', 'fail'] as const).map((value) => ({
      value,
      label: value === 'pass' ? 'Pass' : 'Fail',
      inputProps: { 'aria-keyshortcuts': shortcut(value) },
    }));
    return <RadioGroup id={`${ids}-${name}`} legend={label} options={options} error={errors[name]?.message} inputProps={register(name)} />;
  };

  return (
    <form ref={formRef} aria-label="Override" onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        {radioGroup('conclusion', 'Conclusion')}
        {radioGroup('facialCheck', 'Facial check')}
      </div>

      <ReasonCodeField id={`${ids}-reason-code`} error={errors.reasonCode?.message} control={{ ...register('reasonCode'), 'aria-keyshortcuts': 'C' }} />

      <Field
        id={`${ids}-reason`}
        label="Reason"
        error={errors.reason?.message}
        note={
          <p id={`${ids}-reason-count`} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {reasonLength} / {REASON_MAX_LENGTH} characters (at least {REASON_MIN_LENGTH})
          </p>
        }
      >
        <Textarea
          id={`${ids}-reason`}
          rows={2}
          maxLength={REASON_MAX_LENGTH}
          {...register('reason')}
          aria-keyshortcuts="R"
          {...describedBy(`${ids}-reason`, errors.reason?.message, `${ids}-reason-count`)}
        />
      </Field>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending} aria-keyshortcuts="Control+Enter Meta+Enter">
          {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
          {pending ? 'Saving override…' : 'Save override'}
        </Button>
      </div>

      <p aria-live="polite" className="sr-only" data-testid="shortcut-announcement">
        {announcement}
      </p>
      <OverrideOutcome
        result={result}
        seen={seen}
        nextHref={nextHref}
        onReload={() => {
          setResult(null);
          router.refresh();
        }}
      />
    </form>
  );
}

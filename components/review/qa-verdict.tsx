'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Section } from '@/components/ui/card';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { LoaderCircle } from '@/components/ui/icons';
import { ReasonCodeField } from './reason-code-field';
import { recordQaVerdictAction } from '@/lib/actions/record-qa-verdict';
import { qaVerdictFormSchema, type QaVerdictFormInput, type QaVerdictFormValues } from '@/lib/calibration/qa-schemas';
import type { QaVerdictResult } from '@/lib/calibration/qa-verdict';
import { formatUtc } from '@/lib/format';

export type QaSampleSummary = { day: string; verdict: 'agree' | 'disagree' | null; verdictBy: string | null; verdictAt: string | null };

const VERDICT_TEXT = { agree: 'Agree', disagree: 'Disagree' } as const;

/**
 * The QA verdict on a document drawn from the day's automated passes (SPEC §11): Agree lets the
 * machine's pass stand; Disagree overrides it to Fail through the normal decision path.
 */
export function QaVerdict({
  customerId,
  documentId,
  version,
  sample,
  canJudge,
}: {
  customerId: number;
  documentId: number;
  version: string;
  sample: QaSampleSummary;
  canJudge: boolean;
}) {
  const router = useRouter();
  const ids = useId();
  const [result, setResult] = useState<Awaited<ReturnType<typeof recordQaVerdictAction>> | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<QaVerdictFormInput, unknown, QaVerdictFormValues>({ resolver: zodResolver(qaVerdictFormSchema), defaultValues: { reason: '' } });

  const submit = (verdict: 'agree' | 'disagree') => (values: QaVerdictFormValues) =>
    startTransition(async () => {
      setResult(null);
      try {
        const answer = await recordQaVerdictAction({ ...values, customerId, documentId, seenVersion: version, verdict });
        setResult(answer);
        if (answer.ok) router.refresh();
      } catch {
        setResult({ ok: false, kind: 'unknown', message: 'The console did not answer. Reload the document and look at its history before trying again.' });
      }
    });
  const done = result?.ok ? (result as Extract<QaVerdictResult, { ok: true }>) : undefined;

  return (
    <Section title="QA verdict" id="qa-verdict-heading" chrome="compact" className="shrink-0">
      <div className="space-y-3 text-sm">
        <p>
          The machine passed this document and it was drawn for QA on {sample.day}. Would you have passed it? Disagree overrides it to Fail, with four eyes
          where they apply.
        </p>
        {sample.verdict ? (
          <p data-testid="qa-verdict-recorded">
            QA verdict: <strong>{VERDICT_TEXT[sample.verdict]}</strong>, by {sample.verdictBy} at {formatUtc(sample.verdictAt)}.
          </p>
        ) : !canJudge ? (
          <p>Your role can see the QA sample but cannot record a verdict.</p>
        ) : done ? null : (
          <form aria-label="QA verdict" noValidate className="space-y-3" onSubmit={(e) => e.preventDefault()}>
            <ReasonCodeField id={`${ids}-code`} error={errors.reasonCode?.message} control={register('reasonCode')} />
            <Field id={`${ids}-reason`} label="Reason" error={errors.reason?.message}>
              <Textarea id={`${ids}-reason`} rows={3} {...register('reason')} {...describedBy(`${ids}-reason`, errors.reason?.message)} />
            </Field>
            <div className="flex gap-3">
              <Button type="button" disabled={pending} aria-busy={pending} onClick={(e) => void handleSubmit(submit('agree'))(e)}>
                {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
                Agree
              </Button>
              <Button type="button" variant="secondary" disabled={pending} onClick={(e) => void handleSubmit(submit('disagree'))(e)}>
                Disagree
              </Button>
            </div>
          </form>
        )}
        <div aria-live="polite">
          {done ? (
            <Alert tone="success" role="status" title={`QA verdict recorded: ${VERDICT_TEXT[done.verdict]}`} testId="qa-verdict-saved">
              {done.override === 'applied' ? <p>Override saved: Artemis now holds Fail.</p> : null}
              {done.override === 'proposed' ? <p>The override to Fail awaits a second reviewer.</p> : null}
            </Alert>
          ) : null}
        </div>
        {result && !result.ok ? (
          <Alert
            tone="error"
            title={result.kind === 'unknown' ? "The override's outcome is not known yet" : 'The QA verdict was not recorded'}
            testId="qa-verdict-failed"
          >
            <p>{result.message}</p>
          </Alert>
        ) : null}
      </div>
    </Section>
  );
}

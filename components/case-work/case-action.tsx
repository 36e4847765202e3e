'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Field, Select } from '@/components/ui/field';

// What the review screen's case panel and the queue's bulk assignment share (SPEC §14).

export type CaseAnswer = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
  refusals?: { customerId: number; documentId: number; reason: string }[];
};

const NO_ANSWER: CaseAnswer = { ok: false, message: 'The console did not answer. Reload the page to see what was recorded.' };

/** Runs a case action, refreshes the page when it did something, and keeps its answer to show. */
export function useCaseAction() {
  const router = useRouter();
  const [answer, setAnswer] = useState<CaseAnswer | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<CaseAnswer>, after?: () => void) =>
    startTransition(async () => {
      setAnswer(null);
      try {
        const result = await action();
        setAnswer(result);
        if (result.ok) {
          after?.();
          router.refresh();
        }
      } catch {
        setAnswer(NO_ANSWER);
      }
    });
  return { answer, pending, run };
}

/** What an action answered; documents it refused are listed with the reason, as a refusal. Field errors show at their fields. */
export function AnswerAlert({ answer, testId }: { answer: CaseAnswer | null; testId: string }) {
  if (!answer || answer.fieldErrors) return null;
  const refusals = answer.refusals ?? [];
  const ok = answer.ok && refusals.length === 0;
  return (
    <Alert tone={ok ? 'success' : 'error'} title={answer.message} testId={`${testId}-${ok ? 'ok' : 'refused'}`}>
      {refusals.length > 0 ? (
        <ul className="list-disc pl-5">
          {refusals.map((r) => (
            <li key={`${r.customerId}:${r.documentId}`}>{`Document ${r.documentId} (customer ${r.customerId}): ${r.reason}`}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** `Assign to`: the people an admin may assign documents to. */
export function AssigneeField({
  id,
  people,
  value,
  onChange,
  error,
  className,
}: {
  id: string;
  people: { id: string; label: string }[];
  value: string;
  onChange: (assigneeId: string) => void;
  error?: string;
  className?: string;
}) {
  return (
    <Field id={id} label="Assign to" className={className} error={error}>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose a person…</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

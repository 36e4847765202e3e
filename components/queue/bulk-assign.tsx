'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { AnswerAlert } from '@/components/review/case-panel';
import { Button } from '@/components/ui/button';
import { Field, Select } from '@/components/ui/field';
import { assignAction } from '@/lib/actions/case-work';
import { MAX_ASSIGNED_AT_ONCE } from '@/lib/case-work/schemas';
import type { DocumentKey } from '@/lib/ids';

type Answer = Awaited<ReturnType<typeof assignAction>>;

/** The queue's `Assign selected` (admins): the rows ticked, to one person; refusals are listed. */
export function BulkAssign({ people, chosen, onDone }: { people: { id: string; label: string }[]; chosen: DocumentKey[]; onDone: () => void }) {
  const id = useId();
  const router = useRouter();
  const [assigneeId, setAssigneeId] = useState('');
  const [answer, setAnswer] = useState<Answer | { ok: false; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () =>
    startTransition(async () => {
      setAnswer(null);
      try {
        const result = await assignAction({ assigneeId, documents: chosen });
        setAnswer(result);
        if (result.ok) {
          onDone();
          router.refresh();
        }
      } catch {
        setAnswer({ ok: false, message: 'The console did not answer. Reload the queue to see what was assigned.' });
      }
    });
  const invalid = answer && !answer.ok && 'fieldErrors' in answer ? Object.values(answer.fieldErrors).flat()[0] : undefined;
  return (
    <form
      aria-label="Assign selected"
      noValidate
      className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field id={`${id}-assignee`} label="Assign to" className="min-w-56" error={invalid}>
        <Select id={`${id}-assignee`} value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
          <option value="">Choose a person…</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" disabled={pending || chosen.length === 0} aria-busy={pending}>
        Assign selected
      </Button>
      <span role="status" className="text-slate-700 dark:text-slate-300">{`${chosen.length} selected (at most ${MAX_ASSIGNED_AT_ONCE} at a time)`}</span>
      <div className="basis-full">
        <AnswerAlert answer={invalid ? null : answer} testId="bulk-assign" />
      </div>
    </form>
  );
}

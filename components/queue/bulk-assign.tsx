'use client';

import { useId, useState } from 'react';
import { AnswerAlert, AssigneeField, useCaseAction } from '@/components/case-work/case-action';
import { Button } from '@/components/ui/button';
import { assignAction } from '@/lib/actions/case-work';
import { MAX_ASSIGNED_AT_ONCE } from '@/lib/case-work/schemas';
import type { DocumentKey } from '@/lib/ids';

/** The queue's `Assign selected` (admins): the rows ticked, to one person; refusals are listed. */
export function BulkAssign({ people, chosen, onDone }: { people: { id: string; label: string }[]; chosen: DocumentKey[]; onDone: () => void }) {
  const id = useId();
  const [assigneeId, setAssigneeId] = useState('');
  const { answer, pending, run } = useCaseAction();
  const invalid = answer?.fieldErrors ? Object.values(answer.fieldErrors).flat()[0] : undefined;
  return (
    <form
      aria-label="Assign selected"
      noValidate
      className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => assignAction({ assigneeId, documents: chosen }), onDone);
      }}
    >
      <AssigneeField id={`${id}-assignee`} people={people} value={assigneeId} onChange={setAssigneeId} error={invalid} className="min-w-56" />
      <Button type="submit" variant="secondary" disabled={pending || chosen.length === 0} aria-busy={pending}>
        Assign selected
      </Button>
      <span role="status" className="text-slate-700 dark:text-slate-300">{`${chosen.length} selected (at most ${MAX_ASSIGNED_AT_ONCE} at a time)`}</span>
      <div className="basis-full">
        <AnswerAlert answer={answer} testId="bulk-assign" />
      </div>
    </form>
  );
}

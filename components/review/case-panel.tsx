'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { AnswerAlert, AssigneeField, useCaseAction, type CaseAnswer } from '@/components/case-work/case-action';
import { Button } from '@/components/ui/button';
import { Section } from '@/components/ui/card';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { assignAction, escalateAction, returnToQueueAction, unassignMeAction } from '@/lib/actions/case-work';
import type { CaseState } from '@/lib/case-work/cases';
import { caseReasonFormSchema, type CaseReasonFormValues } from '@/lib/case-work/schemas';
import { formatUtc } from '@/lib/format';

/** `Escalate` and `Return to queue`: a reason, then the action. */
function ReasonForm({ label, action, testId }: { label: string; action: (reason: string) => Promise<CaseAnswer>; testId: string }) {
  const id = useId();
  const { answer, pending, run } = useCaseAction();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<CaseReasonFormValues>({ resolver: zodResolver(caseReasonFormSchema), defaultValues: { reason: '' } });
  const error = errors.reason?.message ?? answer?.fieldErrors?.reason?.[0];
  return (
    <form
      aria-label={label}
      noValidate
      className="space-y-2"
      onSubmit={handleSubmit(({ reason }) =>
        run(
          () => action(reason),
          () => reset({ reason: '' }),
        ),
      )}
    >
      <Field id={`${id}-reason`} label="Reason" error={error}>
        <Textarea id={`${id}-reason`} rows={2} {...register('reason')} {...describedBy(`${id}-reason`, error)} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {label}
      </Button>
      <AnswerAlert answer={answer} testId={testId} />
    </form>
  );
}

function AssignForm({ customerId, documentId, people }: { customerId: number; documentId: number; people: { id: string; label: string }[] }) {
  const id = useId();
  const [assigneeId, setAssigneeId] = useState('');
  const { answer, pending, run } = useCaseAction();
  return (
    <form
      aria-label="Assign"
      noValidate
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => assignAction({ assigneeId, documents: [{ customerId, documentId }] }));
      }}
    >
      <AssigneeField id={`${id}-assignee`} people={people} value={assigneeId} onChange={setAssigneeId} className="min-w-48 flex-1" />
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        Assign
      </Button>
      <div className="basis-full">
        <AnswerAlert answer={answer} testId="assign" />
      </div>
    </form>
  );
}

/**
 * The document's case (SPEC §14): its escalation and assignee, and what the viewer may do about
 * them. Only a document in the review queue has a case.
 */
export function CasePanel({
  customerId,
  documentId,
  state,
  viewer,
  people,
}: {
  customerId: number;
  documentId: number;
  state: CaseState;
  viewer: { id: string; role: string };
  people: { id: string; label: string }[] | null;
}) {
  const key = { customerId, documentId };
  const unassign = useCaseAction();
  if (!state.inQueue) return null;
  const { escalation, assignee } = state;
  return (
    <Section title="Case" id="case-heading">
      <div className="space-y-3 text-sm">
        {escalation ? (
          <Alert tone="warning" title={`Escalated by ${escalation.byEmail}`} testId="escalation">
            <p className="whitespace-pre-wrap break-words">{escalation.reason}</p>
            <p className="mt-1 text-xs">{`${formatUtc(escalation.at)}. Only an admin can decide it or return it to the queue.`}</p>
          </Alert>
        ) : null}
        <p data-testid="assignee">{assignee ? `Assigned to ${assignee.label} since ${formatUtc(assignee.at)}.` : 'Not assigned to anyone.'}</p>
        {assignee?.userId === viewer.id ? (
          <Button type="button" variant="secondary" disabled={unassign.pending} onClick={() => unassign.run(() => unassignMeAction(key))}>
            Unassign me
          </Button>
        ) : null}
        {/* Outside the condition: once unassigned, the button goes and the answer stays. */}
        <AnswerAlert answer={unassign.answer} testId="unassign" />
        {viewer.role === 'reviewer' && !escalation ? (
          <ReasonForm label="Escalate" testId="escalate" action={(reason) => escalateAction({ ...key, reason })} />
        ) : null}
        {viewer.role === 'admin' && escalation ? (
          <ReasonForm label="Return to queue" testId="return" action={(reason) => returnToQueueAction({ ...key, reason })} />
        ) : null}
        {people ? <AssignForm customerId={customerId} documentId={documentId} people={people} /> : null}
      </div>
    </Section>
  );
}

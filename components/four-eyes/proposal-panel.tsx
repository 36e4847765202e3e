'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle, RefreshCw } from '@/components/ui/icons';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { useStepUp } from '@/components/auth/step-up';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { decideProposalAction } from '@/lib/actions/decide-proposal';
import { proposalDecisionFormSchema, type ProposalDecisionFormInput, type ProposalDecisionFormValues } from '@/lib/overrides/schemas';
import type { ProposalDecisionResult } from '@/lib/overrides/results';
import { formatUtc, passFailText } from '@/lib/format';

export type ProposalSummary = {
  id: string;
  proposerEmail: string;
  createdAt: string;
  conclusion: boolean;
  facialCheck: boolean;
  before: { conclusion: boolean | null; facialCheck: boolean | null };
  reasonLabel: string;
  reasonText: string;
};

/** What a second reviewer sees of a proposal, and their Approve / Reject with a reason. */
export function ProposalPanel({ proposal, mode }: { proposal: ProposalSummary; mode: 'decide' | 'own' | 'read-only' }) {
  const router = useRouter();
  const [result, setResult] = useState<ProposalDecisionResult | null>(null);
  const reload = (
    <Button type="button" variant="secondary" className="mt-2" onClick={() => router.refresh()}>
      <RefreshCw aria-hidden className="size-4" />
      Reload document
    </Button>
  );
  const [pending, startTransition] = useTransition();
  const ids = useId();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ProposalDecisionFormInput, unknown, ProposalDecisionFormValues>({
    resolver: zodResolver(proposalDecisionFormSchema),
    defaultValues: { decisionReason: '' },
  });

  const askStepUp = useStepUp();
  const decide = (verdict: 'approve' | 'reject') => (values: ProposalDecisionFormValues) =>
    startTransition(async () => {
      setResult(null);
      try {
        const answer = await decideProposalAction({ ...values, proposalId: proposal.id, verdict });
        // Nothing was done: once the checker has confirmed who they are, the same decision is sent again.
        if (!answer.ok && answer.kind === 'step-up') return askStepUp(answer, () => decide(verdict)(values));
        setResult(answer);
      } catch {
        setResult({
          ok: false,
          kind: 'unknown',
          message:
            'The console did not answer, so whether your decision was recorded (or an approval sent to Artemis) is not known. Reload the document and look at its history before trying again.',
        });
      }
    });

  return (
    <div className="space-y-3 text-sm">
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Proposed by</dt>
          <dd className="font-medium">
            {proposal.proposerEmail} <span className="font-normal">at {formatUtc(proposal.createdAt)}</span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Change</dt>
          <dd className="font-medium">
            Conclusion {passFailText(proposal.before.conclusion)} → {passFailText(proposal.conclusion)}; Facial check{' '}
            {passFailText(proposal.before.facialCheck)} → {passFailText(proposal.facialCheck)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Reason code</dt>
          <dd>{proposal.reasonLabel}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Reason</dt>
          <dd className="whitespace-pre-wrap break-words">{proposal.reasonText}</dd>
        </div>
      </dl>

      {mode === 'own' ? <p>You proposed this override; another reviewer or an admin must approve or reject it.</p> : null}
      {mode === 'read-only' ? <p>Your role can see this proposal but cannot decide on it.</p> : null}
      {mode === 'decide' && !result?.ok && result?.kind !== 'unknown' ? (
        <form aria-label="Decide on proposal" noValidate className="space-y-3" onSubmit={(e) => e.preventDefault()}>
          <Field id={`${ids}-reason`} label="Reason for your decision" error={errors.decisionReason?.message}>
            <Textarea id={`${ids}-reason`} rows={3} {...register('decisionReason')} {...describedBy(`${ids}-reason`, errors.decisionReason?.message)} />
          </Field>
          <div className="flex gap-3">
            <Button type="button" disabled={pending} aria-busy={pending} onClick={(e) => void handleSubmit(decide('approve'))(e)}>
              {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
              Approve
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={(e) => void handleSubmit(decide('reject'))(e)}>
              Reject
            </Button>
          </div>
        </form>
      ) : null}
      <div aria-live="polite">
        {result?.ok ? (
          <Alert
            tone="success"
            role="status"
            title={result.outcome === 'approved' ? 'Approved and applied in Artemis' : 'Proposal rejected'}
            testId="proposal-decided"
          >
            {result.outcome === 'rejected' ? <p>Nothing was sent to Artemis.</p> : null}
            {reload}
          </Alert>
        ) : null}
      </div>
      {result && !result.ok && result.kind === 'unknown' ? (
        <Alert tone="warning" title="Outcome unknown: Artemis did not confirm the override" testId="proposal-unknown">
          <p>{result.message}</p>
          {reload}
        </Alert>
      ) : null}
      {result && !result.ok && result.kind === 'not-applied' ? (
        <Alert tone="error" title="Artemis did not apply the approved override" testId="proposal-failed">
          <p>{result.message}</p>
          <p>The proposal waits for a decision again.</p>
          {reload}
        </Alert>
      ) : null}
      {result && !result.ok && result.kind !== 'unknown' && result.kind !== 'not-applied' ? (
        <Alert tone="error" title="The decision was not recorded" testId="proposal-failed">
          <p>{result.message}</p>
          {result.kind === 'conflict' ? (
            <p>Another decision on this document is being sent to Artemis right now, or waits to be confirmed. Nothing was sent.</p>
          ) : null}
          {result.kind === 'stale' || result.kind === 'closed' || result.kind === 'conflict' ? reload : null}
        </Alert>
      ) : null}
    </div>
  );
}

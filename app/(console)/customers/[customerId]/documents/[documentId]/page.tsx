import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/layout/breadcrumb';
import { notFound } from 'next/navigation';
import { AutomatedResult } from '@/components/review/automated-result';
import { EvidenceSection } from '@/components/review/evidence-section';
import { FaceDetails } from '@/components/review/face-details';
import { ProposalPanel } from '@/components/four-eyes/proposal-panel';
import { OverrideForm } from '@/components/review/override-form';
import { QaVerdict } from '@/components/review/qa-verdict';
import { REASON_CODE_LABELS } from '@/lib/liveness/reason-codes';
import { ReviewFlags } from '@/components/review/review-flags';
import { ReviewHeader } from '@/components/review/review-header';
import { ReviewHistory } from '@/components/review/review-history';
import { ShortcutLegend } from '@/components/review/shortcut-legend';
import { ViewedByList } from '@/components/review/viewed-by-list';
import { NotesSection } from '@/components/review/notes-section';
import { notesIn } from '@/lib/case-work/notes';
import { loadCase } from '@/lib/case-work/load-case';
import { CasePanel } from '@/components/review/case-panel';
import { canExportEvidence, canOverride } from '@/lib/users/roles';
import { evidencePackPath } from '@/lib/evidence-pack/paths';
import { DownloadLink } from '@/components/ui/text-link';
import { ReadAheadNext } from '@/components/queue/read-ahead-next';
import { ReviewClaimBanner } from '@/components/queue/review-claim-banner';
import { NextInQueueLink } from '@/components/queue/next-in-queue-link';
import { Alert } from '@/components/ui/alert';
import { Section } from '@/components/ui/card';
import { UpstreamError } from '@/components/ui/upstream-error';
import { reviewHeaderFacts } from '@/lib/review/header-facts';
import { decisionInEffect, latestAppliedIn } from '@/lib/audit/decisions';
import { historyEntries } from '@/lib/review/history-entries';
import { findQaSample } from '@/lib/calibration/qa-samples';
import { loadReview } from '@/lib/review/load-review';
import { parseId } from '@/lib/route-params';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Review document' };

type Params = Promise<{ customerId: string; documentId: string }>;

const SECONDARY_TEXT = 'text-sm text-slate-700 dark:text-slate-300';

/**
 * One screen per decision: from lg up, the evidence takes the main column and a sticky side panel
 * holds what the decision rests on and the form; history and the rest follow the evidence. Narrow
 * screens stack them in reading order: document, evidence, decision, history.
 */
export default async function ReviewPage({ params }: { params: Params }) {
  const raw = await params;
  const customerId = parseId(raw.customerId);
  const documentId = parseId(raw.documentId);
  // The console's own case records are read while Artemis answers, not after.
  const local = Promise.all([findQaSample(customerId, documentId), loadCase({ customerId, documentId })]);
  local.catch(() => undefined); // awaited below, unless the page ends first
  const view = await loadReview(customerId, documentId);
  if (!view.ok && view.kind === 'not-found') notFound();
  const [qaSample, caseView] = view.ok ? await local : [];

  const breadcrumb = (
    <Breadcrumb
      trail={[
        { href: '/customers', label: 'Customers' },
        { href: `/customers/${customerId}`, label: `Customer ${customerId}` },
      ]}
      current={`Document ${documentId}`}
    />
  );
  if (!view.ok) {
    return (
      <div className="space-y-4">
        {breadcrumb}
        <h1 className="text-xl font-semibold">Document {documentId}</h1>
        {view.kind === 'rate-limited' ? (
          <Alert tone="warning" title="Too many documents opened" testId="rate-limited">
            <p>{view.message}</p>
          </Alert>
        ) : (
          <UpstreamError message={view.message} requestId={view.requestId} />
        )}
      </div>
    );
  }

  // An escalated document is the admins' to decide (SPEC §14); the decision path refuses anyone else too.
  const escalation = caseView?.state.escalation;
  const canDecide = view.canOverride && !(escalation && view.user.role !== 'admin');

  return (
    <div className="grid gap-4 lg:-mt-4 lg:grid-cols-[minmax(0,1fr)_25.5rem] lg:grid-rows-[auto_1fr] lg:items-start">
      <div className="min-w-0 space-y-3">
        {breadcrumb}
        <ReviewHeader
          facts={reviewHeaderFacts(view.customer, view.document, view.seen.updatedAt, decisionInEffect(latestAppliedIn(view.history), view.assessment))}
          assessment={view.assessment}
        />
        <EvidenceSection evidence={view.evidence} idleSeconds={getEnv().session.idleSeconds} />
      </div>
      {/* The form keeps its place at the panel's foot; on a short screen the facts above it scroll instead. */}
      <div
        data-testid="decision-panel"
        className="min-w-0 space-y-3 lg:sticky lg:top-2 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:flex lg:max-h-[calc(100dvh-4.25rem)] lg:flex-col lg:gap-2 lg:space-y-0 lg:overflow-y-auto"
      >
        <div
          role="region"
          aria-label="What the decision rests on"
          tabIndex={0}
          className="min-h-0 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white px-3 shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600 *:py-1.5 dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900 lg:min-h-32 lg:shrink lg:overflow-y-auto"
        >
          <ReviewFlags flags={view.assessment.flags} />
          <AutomatedResult assessment={view.assessment} thresholds={view.thresholds} />
          <FaceDetails attributes={view.assessment.attributes} />
        </div>
        {view.proposal ? (
          <Section title="Awaiting approval" id="proposal-heading" chrome="compact" className="shrink-0">
            <ProposalPanel
              proposal={{
                id: view.proposal.id,
                proposerEmail: view.proposal.proposerEmail,
                createdAt: view.proposal.createdAt,
                conclusion: view.proposal.conclusion,
                facialCheck: view.proposal.facialCheck,
                before: view.proposal.before,
                reasonLabel: REASON_CODE_LABELS[view.proposal.reasonCode] ?? view.proposal.reasonCode,
                reasonText: view.proposal.reasonText,
              }}
              mode={!canDecide ? 'read-only' : view.proposal.proposerId === view.user.id ? 'own' : 'decide'}
            />
          </Section>
        ) : null}
        {qaSample ? (
          <QaVerdict
            customerId={customerId}
            documentId={documentId}
            version={view.version}
            sample={{ day: qaSample.day, verdict: qaSample.verdict, verdictBy: qaSample.verdictBy, verdictAt: qaSample.verdictAt }}
            canJudge={canDecide}
          />
        ) : null}
        <Section
          title="Override"
          id="override-heading"
          chrome="compact"
          className="shrink-0"
          actions={canDecide ? <NextInQueueLink customerId={customerId} documentId={documentId} /> : undefined}
        >
          {view.proposal ? (
            <p className={SECONDARY_TEXT}>
              An override of this document is awaiting approval. It can be overridden again once that proposal is approved or rejected.
            </p>
          ) : escalation && !canDecide ? (
            <p className={SECONDARY_TEXT}>{`Escalated by ${escalation.byEmail}: only an admin can decide it now.`}</p>
          ) : canDecide ? (
            <OverrideForm customerId={customerId} documentId={documentId} version={view.version} seen={view.seen} />
          ) : (
            <p className={SECONDARY_TEXT}>Your role ({view.user.role}) can read this document and its history but cannot override it.</p>
          )}
        </Section>
        {canDecide ? <ReadAheadNext customerId={customerId} documentId={documentId} /> : null}
      </div>
      <div className="min-w-0 space-y-3 lg:col-start-1 lg:row-start-2">
        <ReviewClaimBanner customerId={customerId} documentId={documentId} claim={view.claim} />
        <ShortcutLegend withForm={view.canOverride && !view.proposal} />
        {caseView ? (
          <CasePanel
            customerId={customerId}
            documentId={documentId}
            state={caseView.state}
            viewer={{ id: view.user.id, role: view.user.role }}
            people={caseView.people}
          />
        ) : null}
        <NotesSection customerId={customerId} documentId={documentId} notes={notesIn(view.history)} canAdd={canOverride(view.user.role)} />
        <ReviewHistory entries={historyEntries(view.history)}>
          <ViewedByList viewedBy={view.viewedBy} customerId={customerId} documentId={documentId} />
        </ReviewHistory>
        {canExportEvidence(view.user.role) ? (
          <p className="text-sm">
            <DownloadLink href={evidencePackPath(customerId, documentId)}>Download evidence pack</DownloadLink>
            <span className={SECONDARY_TEXT}> · report, events as chained and a signed statement (ZIP)</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}

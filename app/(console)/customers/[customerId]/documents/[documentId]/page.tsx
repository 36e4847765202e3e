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
import { ReviewClaimBanner } from '@/components/queue/review-claim-banner';
import { SaveAndNextLink } from '@/components/queue/save-and-next-link';
import { Section } from '@/components/ui/card';
import { UpstreamError } from '@/components/ui/upstream-error';
import { reviewHeaderFacts } from '@/lib/review/header-facts';
import { historyEntries } from '@/lib/review/history-entries';
import { findQaSample } from '@/lib/calibration/qa-samples';
import { loadReview } from '@/lib/review/load';
import { parseId } from '@/lib/route-params';

export const metadata: Metadata = { title: 'Review document' };

type Params = Promise<{ customerId: string; documentId: string }>;

export default async function ReviewPage({ params }: { params: Params }) {
  const raw = await params;
  const customerId = parseId(raw.customerId);
  const documentId = parseId(raw.documentId);
  const view = await loadReview(customerId, documentId);
  if (!view.ok && 'notFound' in view) notFound();
  const qaSample = view.ok ? await findQaSample(customerId, documentId) : undefined;

  return (
    <div className="space-y-4">
      <Breadcrumb
        trail={[
          { href: '/customers', label: 'Customers' },
          { href: `/customers/${customerId}`, label: `Customer ${customerId}` },
        ]}
        current={`Document ${documentId}`}
      />
      {!view.ok ? (
        <>
          <h1 className="text-xl font-semibold">Document {documentId}</h1>
          <UpstreamError message={view.message} requestId={view.requestId} />
        </>
      ) : (
        <>
          <ReviewHeader facts={reviewHeaderFacts(view.customer, view.document, view.updatedAt)} assessment={view.assessment} />
          <ReviewClaimBanner customerId={customerId} documentId={documentId} claim={view.claim} />
          <ReviewFlags flags={view.assessment.flags} />
          <EvidenceSection evidence={view.evidence} />
          <div className="grid gap-4 lg:grid-cols-2">
            <AutomatedResult assessment={view.assessment} thresholds={view.thresholds} />
            <FaceDetails attributes={view.assessment.attributes} />
          </div>
          {view.proposal ? (
            <Section title="Awaiting approval" id="proposal-heading">
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
                mode={!view.canOverride ? 'read-only' : view.proposal.proposerId === view.user.id ? 'own' : 'decide'}
              />
            </Section>
          ) : null}
          {qaSample ? <QaVerdict customerId={customerId} documentId={documentId} version={view.version} sample={{ day: qaSample.day, verdict: qaSample.verdict, verdictBy: qaSample.verdictBy, verdictAt: qaSample.verdictAt }} canJudge={view.canOverride} /> : null}
          <Section title="Override" id="override-heading">
            {view.proposal ? (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                An override of this document is awaiting approval. It can be overridden again once that proposal is approved or rejected.
              </p>
            ) : view.canOverride ? (
              <OverrideForm
                customerId={customerId}
                documentId={documentId}
                version={view.version}
                seen={{
                  conclusion: view.assessment.conclusion,
                  facialCheck: view.assessment.facialCheck,
                  livenessResult: view.assessment.livenessResult,
                  confidence: view.assessment.confidence,
                  updatedAt: view.updatedAt,
                }}
              />
            ) : (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Your role ({view.user.role}) can read this document and its history but cannot override it.
              </p>
            )}
          </Section>
          {view.canOverride ? <SaveAndNextLink customerId={customerId} documentId={documentId} /> : null}
          <ReviewHistory entries={historyEntries(view.history)} />
        </>
      )}
    </div>
  );
}

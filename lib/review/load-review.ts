import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { upstreamFailure, type UpstreamFailure } from '@/lib/artemis/errors';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { isDecisionAction } from '@/lib/audit/actions';
import { pendingAttempts, readSentAfter } from '@/lib/audit/reconcile';
import { listDocumentHistory, type AuditEvent } from '@/lib/audit/trail';
import { requestSource } from '@/lib/auth/request-source';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { admitView, overLimitMessage } from '@/lib/evidence-access/access';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { evidenceView, type EvidenceView } from '@/lib/evidence/document-evidence';
import { imagePolicy } from '@/lib/evidence/policy';
import { assessLiveness, type LivenessAssessment, type Thresholds } from '@/lib/liveness/assessment';
import { documentVersion } from '@/lib/liveness/version';
import { findPendingProposal, markStale, type Proposal } from '@/lib/overrides/proposals';
import { decisionSnapshot, type DecisionSnapshot } from '@/lib/overrides/results';
import { settleDocumentAttempts } from '@/lib/overrides/settle';
import { claimForReview, releaseReviewClaim, type ReviewClaimView } from '@/lib/claims/review-claim';
import { canOverride } from '@/lib/users/roles';
import { takeReadAhead } from './read-ahead-cache';
import { viewedBy, type ViewedBy } from './viewed-by';

export type ReviewView =
  | {
      ok: true;
      user: CurrentUser;
      canOverride: boolean;
      customer: ArtemisCustomer;
      document: ArtemisDocument;
      /** The decision fields as read, which the override form sends back to detect a change. */
      seen: DecisionSnapshot;
      version: string;
      assessment: LivenessAssessment;
      evidence: EvidenceView;
      thresholds: Thresholds;
      history: AuditEvent[];
      viewedBy: ViewedBy;
      /** An override waiting for a second reviewer (FOUR_EYES), still valid for this version. */
      proposal: Proposal | null;
      /** Who is reviewing the document: opening it claims it for reviewers and admins. */
      claim: ReviewClaimView;
    }
  /** `not-found`: Artemis has no such customer, or no such document of theirs. */
  | UpstreamFailure
  /** Past the fair-use limit on documents opened (SPEC §13): nothing of the document is shown. */
  | { ok: false; kind: 'rate-limited'; message: string; retryAfterSeconds: number; requestId?: undefined };

/** One read of the customer and one of the document, live from Artemis or read ahead for this user. */
export async function loadReview(customerId: number, documentId: number): Promise<ReviewView> {
  const user = await requireUser();
  const artemis = await getArtemis();
  // The console's own records are read, and the claim written, while Artemis answers.
  const local = Promise.all([listDocumentHistory(customerId, documentId), findPendingProposal(customerId, documentId), claimForReview(customerId, documentId)]);
  local.catch(() => undefined); // awaited below; on the early returns its failure must not go unhandled
  const readLive = async (): Promise<PageRead> => {
    const startedAt = new Date().toISOString();
    const [customer, document] = await Promise.all([artemis.getCustomer(customerId), artemis.getDocument(customerId, documentId)]);
    return { customer, document, startedAt };
  };
  // Read ahead by the previous screen (at most a minute ago), this view makes no upstream call,
  // unless the trail shows a decision on the document since (made on any instance).
  const ahead = takeReadAhead(user.id, customerId, documentId);
  const usable = ahead && !decidedSince((await local)[0], ahead.startedAt) ? ahead : null;
  let read: PageRead;
  try {
    read = usable ?? (await readLive());
  } catch (error) {
    const failure = upstreamFailure(error);
    return failure.kind === 'not-found' ? withoutDocument(local, customerId, documentId, NOT_FOUND) : failure;
  }
  const { customer, document } = read;
  if (!customer || !document) return withoutDocument(local, customerId, documentId, NOT_FOUND);
  // On the record before any of it is shown; it runs while the console's own records are read.
  const admission = admitView(user, { customerId, documentId }, { ...(await requestSource()), source: usable ? 'read-ahead' : 'artemis' });
  admission.catch(() => undefined); // awaited below

  const { thresholds } = getEnv();
  const [recorded, pending, claim] = await local;
  let history = recorded;
  let proposal = pending;
  // An attempt still without a final outcome (unknown, or its process died) is settled here
  // from the document just read, unless a decision on the document is under way.
  const unsettled = pendingAttempts(history);
  if (unsettled.length > 0) {
    try {
      // The page's read may confirm an attempt it was sent after; "not applied" takes a read under the lock.
      const source = { earlier: { document, startedAt: read.startedAt }, read: () => artemis.getDocument(customerId, documentId) };
      const { resolved } = await settleDocumentAttempts({ customerId, documentId }, unsettled, source, { reconciledBy: `review screen (${user.email})` });
      if (resolved.length > 0)
        [history, proposal] = await Promise.all([listDocumentHistory(customerId, documentId), findPendingProposal(customerId, documentId)]);
    } catch (error) {
      // The page still shows the attempt as "outcome unknown"; the next view or sync settles it.
      logger('review').error({ customerId, documentId, error: errorText(error) }, 'could not settle audit attempts');
    }
  }
  const version = documentVersion(document);
  if (proposal && proposal.seenVersion !== version && readSentAfter(read, proposal.createdAt)) {
    // The document changed in Artemis after the proposal: it can no longer be approved as is.
    await markStale(proposal, toIsoTimestamp(document.updatedAt));
    proposal = null;
    history = await listDocumentHistory(customerId, documentId);
  }
  const admitted = await admission;
  if (!admitted.ok) {
    const message = overLimitMessage(admitted.retryAfterSeconds);
    return withoutDocument(local, customerId, documentId, { ok: false, kind: 'rate-limited', message, retryAfterSeconds: admitted.retryAfterSeconds });
  }
  // This view's own event was recorded while the history was read.
  if (admitted.recorded && !history.some((event) => event.id === admitted.recorded!.id)) history = [admitted.recorded, ...history];
  const assessment = assessLiveness(document.liveness as Record<string, unknown> | undefined, thresholds);
  return {
    ok: true,
    user,
    canOverride: canOverride(user.role),
    customer,
    document,
    seen: decisionSnapshot(assessment, document.updatedAt),
    version,
    assessment,
    evidence: evidenceView(document, imagePolicy(), { customerId, documentId }),
    thresholds,
    history,
    viewedBy: viewedBy(history, user),
    proposal,
    claim,
  };
}

type PageRead = { customer: ArtemisCustomer | null; document: ArtemisDocument | null; startedAt: string };

/** Whether the trail shows anything decided on the document at or after `since` (newest first). */
function decidedSince(history: AuditEvent[], since: string): boolean {
  return history.some((event) => event.occurredAt >= since && isDecisionAction(event.action));
}

const NOT_FOUND = { ok: false, kind: 'not-found', message: 'This document does not exist in Artemis.' } as const;

/** The claim taken while Artemis answered is given back: there is no document to review, or none to show. */
async function withoutDocument(
  local: Promise<[unknown, unknown, ReviewClaimView]>,
  customerId: number,
  documentId: number,
  result: Exclude<ReviewView, { ok: true }>,
): Promise<ReviewView> {
  try {
    const [, , claim] = await local;
    await releaseReviewClaim(claim, customerId, documentId);
  } catch (error) {
    // The stray claim expires on its own; the reviewer still gets the page that says why.
    logger('review').error({ customerId, documentId, error: errorText(error) }, 'could not release the claim on a document not shown');
  }
  return result;
}

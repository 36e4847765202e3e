import { UserLock } from '@/components/ui/icons';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { claimDocumentAction } from '@/lib/actions/claim-document';
import { takeOverClaimAction } from '@/lib/actions/take-over-claim';
import type { ReviewClaimView } from '@/lib/claims/review-claim';
import { formatUtc } from '@/lib/format';
import { ClaimRenewer } from './claim-renewer';

/** Says who is reviewing the document, from the claim taken when it was opened (lib/review/load.ts). */
export function ReviewClaimBanner({ customerId, documentId, claim: view }: { customerId: number; documentId: number; claim: ReviewClaimView }) {
  if (view.state === 'none') return null;
  if (view.state === 'offered') {
    return (
      <Alert tone="info" role="status" title="Not claimed: opened from another site" testId="claim-offered">
        <p>Others do not see you reviewing this document until you claim it.</p>
        <form action={claimDocumentAction}>
          <input type="hidden" name="customerId" value={customerId} />
          <input type="hidden" name="documentId" value={documentId} />
          <Button type="submit" className="mt-1">
            Claim and review
          </Button>
        </form>
      </Alert>
    );
  }
  if (view.state === 'mine') {
    return (
      <>
        <p className="inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300" data-testid="claim-mine">
          <UserLock aria-hidden className="size-4" />
          You are reviewing this document; others see it as taken until {formatUtc(view.claim.expiresAt)} while this page stays open.
        </p>
        <ClaimRenewer customerId={customerId} documentId={documentId} />
      </>
    );
  }
  return (
    <Alert tone="warning" role="status" title={`Being reviewed by ${view.heldBy.userLabel}`} testId="claim-banner">
      <p>
        Since {formatUtc(view.heldBy.claimedAt)}, until {formatUtc(view.heldBy.expiresAt)} unless renewed.
        {view.canTakeOver ? ' Take it over only if you have agreed with them or they have left it.' : ''}
      </p>
      {view.canTakeOver ? (
        <form action={takeOverClaimAction}>
          <input type="hidden" name="customerId" value={customerId} />
          <input type="hidden" name="documentId" value={documentId} />
          <Button type="submit" variant="secondary" className="mt-1">
            Take over
          </Button>
        </form>
      ) : null}
    </Alert>
  );
}

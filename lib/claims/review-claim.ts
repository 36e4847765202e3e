import 'server-only';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { canOverride } from '@/lib/users/roles';
import { claimDocument, findActiveClaim, releaseClaim, type Claim } from './claims';

export type ReviewClaimView =
  | { state: 'mine'; claim: Claim }
  | { state: 'held'; heldBy: Claim; canTakeOver: boolean }
  | { state: 'none' };

/** Re-opening the screen within this long keeps the claim as it is (the screen renews it while open). */
const REOPEN_KEEPS_CLAIM_MS = 60_000;

/**
 * Opening the review screen claims the document for reviewers and admins. Auditors never claim;
 * they only see who holds it.
 */
export async function claimForReview(customerId: number, documentId: number): Promise<ReviewClaimView> {
  const user = await requireUser();
  const db = await getDb();
  if (!canOverride(user.role)) {
    const held = await findActiveClaim(db, customerId, documentId);
    return held ? { state: 'held', heldBy: held, canTakeOver: false } : { state: 'none' };
  }
  const result = await claimDocument(db, user, customerId, documentId, new Date(), { renewedWithinMs: REOPEN_KEEPS_CLAIM_MS });
  return result.ok ? { state: 'mine', claim: result.claim } : { state: 'held', heldBy: result.heldBy, canTakeOver: true };
}

/** Undoes opening the screen's claim when the document turned out not to exist in Artemis. */
export async function releaseReviewClaim(view: ReviewClaimView, customerId: number, documentId: number): Promise<void> {
  if (view.state !== 'mine') return;
  await releaseClaim(await getDb(), { id: view.claim.userId }, customerId, documentId);
}

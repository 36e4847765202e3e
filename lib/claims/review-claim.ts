import 'server-only';
import { headers } from 'next/headers';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { canOverride } from '@/lib/users/roles';
import { claimDocument, findActiveClaim, releaseClaim, type Claim } from './claims';

export type ReviewClaimView =
  | { state: 'mine'; claim: Claim }
  | { state: 'held'; heldBy: Claim; canTakeOver: boolean }
  /** Opened from another site: free, but not claimed until the reviewer says so. */
  | { state: 'offered' }
  | { state: 'none' };

/** Re-opening the screen within this long keeps the claim as it is (the screen renews it while open). */
const REOPEN_KEEPS_CLAIM_MS = 60_000;

/**
 * Whether this request is the reviewer's own navigation: from the console's pages, or typed or
 * bookmarked (`none`). A link or `window.open` on another site (which SameSite=Lax lets through)
 * must not make a reviewer claim a document they never chose. Browsers without Fetch Metadata
 * send no header, and count as their own.
 */
async function ownNavigation(): Promise<boolean> {
  const site = (await headers()).get('sec-fetch-site');
  return site === null || site === 'same-origin' || site === 'none';
}

/**
 * Opening the review screen claims the document for reviewers and admins, when they opened it
 * themselves. Auditors never claim; they only see who holds it.
 */
export async function claimForReview(customerId: number, documentId: number): Promise<ReviewClaimView> {
  const user = await requireUser();
  const db = await getDb();
  const claims = canOverride(user.role);
  if (!claims || !(await ownNavigation())) {
    const held = await findActiveClaim(db, customerId, documentId);
    if (held) return held.userId === user.id ? { state: 'mine', claim: held } : { state: 'held', heldBy: held, canTakeOver: claims };
    return claims ? { state: 'offered' } : { state: 'none' };
  }
  const result = await claimDocument(db, user, customerId, documentId, new Date(), { renewedWithinMs: REOPEN_KEEPS_CLAIM_MS });
  return result.ok ? { state: 'mine', claim: result.claim } : { state: 'held', heldBy: result.heldBy, canTakeOver: true };
}

/** Undoes opening the screen's claim when the document turned out not to exist in Artemis. */
export async function releaseReviewClaim(view: ReviewClaimView, customerId: number, documentId: number): Promise<void> {
  if (view.state !== 'mine') return;
  await releaseClaim(await getDb(), { id: view.claim.userId }, customerId, documentId);
}

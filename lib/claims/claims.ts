import { documentKeyId } from '@/lib/ids';
import 'server-only';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { writeTransaction, type Database } from '@/lib/db';

/** How long opening a document holds it; the review screen renews it while open. */
const CLAIM_MINUTES = 15;

export type Claim = { customerId: number; documentId: number; userId: string; userLabel: string; claimedAt: string; expiresAt: string };

export type ClaimResult = { ok: true; claim: Claim } | { ok: false; heldBy: Claim };

const label = (user: Pick<CurrentUser, 'name' | 'email'>) => user.name ?? user.email;

function toClaim(r: {
  customer_id: number | string;
  document_id: number | string;
  user_id: string;
  user_label: string;
  claimed_at: string;
  expires_at: string;
}): Claim {
  return {
    customerId: Number(r.customer_id),
    documentId: Number(r.document_id),
    userId: r.user_id,
    userLabel: r.user_label,
    claimedAt: r.claimed_at,
    expiresAt: r.expires_at,
  };
}

async function currentClaim(db: Kysely<Database>, customerId: number, documentId: number, now: Date): Promise<Claim | undefined> {
  const row = await db
    .selectFrom('document_claims')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** When a claim was last taken or renewed: every write sets it to expire a full period later. */
const claimRenewedAt = (claim: Claim) => Date.parse(claim.expiresAt) - CLAIM_MINUTES * 60_000;

/**
 * Writes `user`'s claim in one atomic upsert that only lands when the row there is free: no row,
 * an expired one, or (`over`) the one held by the claim's current holder. Two reviewers (or
 * instances) claiming at once cannot both win: the loser's upsert changes nothing and returns no
 * row. Renewing one's own live claim keeps when it was first taken.
 */
async function writeClaim(
  db: Kysely<Database>,
  user: CurrentUser,
  customerId: number,
  documentId: number,
  now: Date,
  over: { userId: string } = { userId: user.id },
): Promise<Claim | undefined> {
  const nowIso = now.toISOString();
  const values = {
    customer_id: customerId,
    document_id: documentId,
    user_id: user.id,
    user_label: label(user),
    claimed_at: nowIso,
    expires_at: new Date(now.getTime() + CLAIM_MINUTES * 60_000).toISOString(),
  };
  const row = await db
    .insertInto('document_claims')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'document_id'])
        .doUpdateSet((eb) => ({
          user_id: values.user_id,
          user_label: values.user_label,
          claimed_at: eb
            .case()
            .when(eb.and([eb('document_claims.user_id', '=', user.id), eb('document_claims.expires_at', '>', nowIso)]))
            .then(eb.ref('document_claims.claimed_at'))
            .else(nowIso)
            .end(),
          expires_at: values.expires_at,
        }))
        .where((eb) => eb.or([eb('document_claims.user_id', '=', over.userId), eb('document_claims.expires_at', '<=', nowIso)])),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/**
 * Claims (or renews) a document for `user` unless someone else holds a live claim on it; then
 * the holder is returned and nothing changes. With `renewedWithinMs`, a claim of the user's
 * renewed that recently is returned unchanged, read without a write.
 */
export async function claimDocument(
  db: Kysely<Database>,
  user: CurrentUser,
  customerId: number,
  documentId: number,
  now = new Date(),
  { renewedWithinMs = 0 }: { renewedWithinMs?: number } = {},
): Promise<ClaimResult> {
  if (renewedWithinMs > 0) {
    // A reviewer moving about the screen re-opens it often: a claim of theirs renewed moments
    // ago is kept as it is, read without taking the write lock.
    const held = await currentClaim(db, customerId, documentId, now);
    if (held && held.userId !== user.id) return { ok: false, heldBy: held };
    if (held && claimRenewedAt(held) > now.getTime() - renewedWithinMs) return { ok: true, claim: held };
  }
  for (;;) {
    const result = await writeTransaction(db, async (trx): Promise<ClaimResult | null> => {
      const claim = await writeClaim(trx, user, customerId, documentId, now);
      if (claim) return { ok: true, claim };
      const held = await currentClaim(trx, customerId, documentId, now);
      return held ? { ok: false, heldBy: held } : null;
    });
    // null: the holder let go between the two statements (PostgreSQL); try again.
    if (result) return result;
  }
}

/**
 * Takes a document over from whoever holds it, explicitly, with an audit event naming both. Two
 * takeovers at once: the first wins, the second finds the first's claim and changes nothing.
 */
export function takeOverClaim(db: Kysely<Database>, user: CurrentUser, customerId: number, documentId: number, now = new Date()): Promise<ClaimResult> {
  return writeTransaction(db, async (trx) => {
    const held = await currentClaim(trx, customerId, documentId, now);
    const claim = await writeClaim(trx, user, customerId, documentId, now, { userId: held?.userId ?? user.id });
    if (!claim) {
      // Someone else took it over first; their claim is the one that stands.
      const winner = await currentClaim(trx, customerId, documentId, now);
      return winner ? { ok: false, heldBy: winner } : { ok: false, heldBy: held! };
    }
    if (held && held.userId !== user.id) {
      await recordAuditEvent(
        {
          action: 'claim.taken_over',
          actor: { id: user.id, email: user.email, role: user.role },
          customerId,
          documentId,
          before: { claimedBy: held.userId, claimedByLabel: held.userLabel, claimedAt: held.claimedAt, expiresAt: held.expiresAt },
          after: { claimedBy: user.id, expiresAt: claim.expiresAt },
        },
        trx,
      );
    }
    return { ok: true, claim };
  });
}

/** Drops `user`'s claim on a document, if they hold one (a document Artemis does not have is nobody's to review). */
export async function releaseClaim(db: Kysely<Database>, user: Pick<CurrentUser, 'id'>, customerId: number, documentId: number): Promise<void> {
  await db.deleteFrom('document_claims').where('customer_id', '=', customerId).where('document_id', '=', documentId).where('user_id', '=', user.id).execute();
}

export async function findActiveClaim(db: Kysely<Database>, customerId: number, documentId: number, now = new Date()): Promise<Claim | undefined> {
  return currentClaim(db, customerId, documentId, now);
}

/** Live claims on these documents, keyed `customerId:documentId`. */
export async function activeClaims(db: Kysely<Database>, keys: { customerId: number; documentId: number }[], now = new Date()): Promise<Map<string, Claim>> {
  const out = new Map<string, Claim>();
  if (keys.length === 0) return out;
  const rows = await db
    .selectFrom('document_claims')
    .selectAll()
    .where('document_id', 'in', [...new Set(keys.map((k) => k.documentId))])
    .where('expires_at', '>', now.toISOString())
    .execute();
  for (const r of rows) {
    const c = toClaim(r);
    out.set(documentKeyId(c.customerId, c.documentId), c);
  }
  return out;
}

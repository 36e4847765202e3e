import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import type { DocumentKey } from '@/lib/ids';
import type { DecisionLocksTable } from '@/lib/db/schema';
import { asDecisionInFlight } from '@/lib/in-flight';
import { errorText, logger } from '@/lib/log';
import { announceDecisionEnded } from './followers';
import type { ConflictResult } from './results';

/**
 * One decision per document at a time, on every instance sharing the database: a lease row per
 * document, taken by a single atomic upsert that only succeeds when no row exists or the one
 * there has expired. Everything from a decision's fresh read of Artemis to its recorded outcome
 * runs under it, and so does settling an attempt by reading Artemis back.
 */

export type DocumentLock = DocumentKey & {
  holder: string;
  purpose: DecisionLocksTable['purpose'];
  acquiredAt: string;
  expiresAt: string;
};

export type LockAttempt = { acquired: true; lock: DocumentLock } | { acquired: false; heldBy: DocumentLock | null };

function toLock(row: {
  customer_id: number | string;
  document_id: number | string;
  holder: string;
  purpose: DecisionLocksTable['purpose'];
  acquired_at: string;
  expires_at: string;
}): DocumentLock {
  return {
    customerId: Number(row.customer_id),
    documentId: Number(row.document_id),
    holder: row.holder,
    purpose: row.purpose,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}

/** Takes the document's lock unless a live one is held; never waits. */
export async function tryLockDocument(
  db: Kysely<Database>,
  key: DocumentKey,
  options: { lifetimeMs: number; holder?: string; now?: Date },
): Promise<LockAttempt> {
  const now = options.now ?? new Date();
  const values = {
    customer_id: key.customerId,
    document_id: key.documentId,
    holder: options.holder ?? randomUUID(),
    purpose: 'decision' as const,
    acquired_at: now.toISOString(),
    expires_at: new Date(now.getTime() + options.lifetimeMs).toISOString(),
  };
  return writeTransaction(db, async (trx) => {
    const taken = await trx
      .insertInto('decision_locks')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['customer_id', 'document_id'])
          .doUpdateSet({ holder: values.holder, purpose: values.purpose, acquired_at: values.acquired_at, expires_at: values.expires_at })
          .where('decision_locks.expires_at', '<=', values.acquired_at),
      )
      .returning('holder')
      .executeTakeFirst();
    if (taken?.holder === values.holder) return { acquired: true, lock: toLock(values) };
    const held = await trx
      .selectFrom('decision_locks')
      .selectAll()
      .where('customer_id', '=', key.customerId)
      .where('document_id', '=', key.documentId)
      .executeTakeFirst();
    return { acquired: false, heldBy: held ? toLock(held) : null };
  });
}

/** How long a decision waits for another decision on the same document to end. */
const DECISION_LOCK_WAIT_MS = 10_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Takes the document's lock, waiting up to `maxWaitMs` while another decision holds it: the
 * second of two decisions made at once then runs after the first, on a fresh read that shows
 * what the first did (a conflict, or a proposal no longer pending). A document held for
 * settling an unknown outcome is not waited for: that takes the whole settling window.
 */
export async function lockDocument(
  db: Kysely<Database>,
  key: DocumentKey,
  options: { lifetimeMs: number; maxWaitMs?: number; holder?: string },
): Promise<LockAttempt> {
  const holder = options.holder ?? randomUUID();
  const deadline = Date.now() + (options.maxWaitMs ?? DECISION_LOCK_WAIT_MS);
  for (;;) {
    const attempt = await tryLockDocument(db, key, { lifetimeMs: options.lifetimeMs, holder });
    if (attempt.acquired || attempt.heldBy?.purpose === 'settling' || Date.now() >= deadline) return attempt;
    await sleep(Math.min(POLL_MS * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
  }
}

/** Gives the lock back, if `holder` still holds it. */
export async function releaseDocumentLock(db: Kysely<Database>, key: DocumentKey, holder: string): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx.deleteFrom('decision_locks').where('customer_id', '=', key.customerId).where('document_id', '=', key.documentId).where('holder', '=', holder).execute(),
  );
}

/**
 * Hands a decision's lock over to its attempt after an unknown outcome: the document stays
 * locked for `windowMs`, held by the attempt's id so that whoever settles the attempt can free it.
 */
export async function keepLockedForSettling(db: Kysely<Database>, lock: DocumentLock, attemptId: string, windowMs: number, now = new Date()): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable('decision_locks')
      .set({ holder: attemptId, purpose: 'settling', expires_at: new Date(now.getTime() + windowMs).toISOString() })
      .where('customer_id', '=', lock.customerId)
      .where('document_id', '=', lock.documentId)
      .where('holder', '=', lock.holder)
      .execute(),
  );
}

/** The answer to a decision that found another one under way on the same document. */
export const DOCUMENT_BUSY: Extract<ConflictResult, { busy: true }> = {
  ok: false,
  kind: 'conflict',
  message: 'This document changed since you opened it',
  busy: true,
};

/**
 * What becomes of the lock when a decision is over: given back, or handed to its attempt for a
 * settling window after an unknown outcome (nobody writes over a PUT Artemis may still carry out).
 */
export type LockDisposition = 'release' | { settlingWindowFor: string; windowMs: number };

/**
 * Thrown by a decision once its PUT may be under way, when what should follow failed (its
 * outcome could not be recorded): the lock is then kept until it expires, never given back early.
 */
export class DecisionInterrupted extends Error {
  constructor(readonly reason: unknown) {
    super('a decision was interrupted after its PUT may have been sent', { cause: reason });
    this.name = 'DecisionInterrupted';
  }
}

/**
 * Runs `decide` holding the document's decision lock for at most `lifetimeMs`. A decision that
 * finds another one under way waits for it (briefly) and then reads what it did; one that finds
 * an unknown outcome being settled, or waits in vain, sends nothing. `decide` says what becomes
 * of the lock; its followers are told the decision is over either way.
 */
export function withDecisionLock<T>(
  key: DocumentKey,
  { lifetimeMs }: { lifetimeMs: number },
  decide: (lock: DocumentLock) => Promise<{ value: T; lock: LockDisposition }>,
): Promise<T | typeof DOCUMENT_BUSY> {
  // Counted in flight, so that a shutdown waits for the decision's outcome event.
  return asDecisionInFlight(async () => {
    const db = await getDb();
    const taken = await lockDocument(db, key, { lifetimeMs });
    if (!taken.acquired) return DOCUMENT_BUSY;
    let disposition: LockDisposition | 'expire' = 'release';
    try {
      const decided = await decide(taken.lock);
      disposition = decided.lock;
      return decided.value;
    } catch (error) {
      if (!(error instanceof DecisionInterrupted)) throw error;
      disposition = 'expire';
      throw error.reason;
    } finally {
      announceDecisionEnded(key);
      if (disposition === 'release') await releaseDocumentLock(db, key, taken.lock.holder);
      else if (disposition !== 'expire') await handOverForSettling(db, taken.lock, disposition);
    }
  });
}

async function handOverForSettling(
  db: Kysely<Database>,
  lock: DocumentLock,
  { settlingWindowFor, windowMs }: { settlingWindowFor: string; windowMs: number },
): Promise<void> {
  try {
    await keepLockedForSettling(db, lock, settlingWindowFor, windowMs);
  } catch (error) {
    // The decision's own lock is kept instead: longer, never shorter.
    logger('decision').warn({ customerId: lock.customerId, documentId: lock.documentId, error: errorText(error) }, 'settling window not set; the lock stays');
  }
}

import 'server-only';
import type { Kysely } from 'kysely';
import type { ArtemisClient, ArtemisDocument } from '@/lib/artemis';
import { NOT_APPLIED } from '@/lib/audit/outcomes';
import { findPendingAttempts, pendingAttempts, settleAttempts, timedRead, type DocumentRead, type Resolution } from '@/lib/audit/reconcile';
import { listDocumentHistory, type AuditEvent } from '@/lib/audit/trail';
import { getDb, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { announceOutcome } from './followers';
import { reopenProposal } from './proposals';
import type { DocumentKey } from '@/lib/ids';
import { releaseDocumentLock, tryLockDocument } from './decision-lock';
import { decisionLockLifetimeMs } from './timing';

export type SettleResult = { resolved: Resolution[]; busy: boolean };

/**
 * Where settling reads the document: `read` asks Artemis now. `earlier`, when given, is a read
 * the caller made before the lock was taken (the review screen's): it may confirm an attempt it
 * was sent after, but only a read made under the lock may say one was not applied.
 */
type DocumentSource = { earlier?: DocumentRead; read: () => Promise<ArtemisDocument | null> };

/**
 * Settles a document's attempts that have no final outcome by reading Artemis back, never while
 * a decision on the document is under way: under the document's lock everything can be settled;
 * while an unknown outcome's settling window holds it, only that attempt, and only confirmed
 * (applied).
 */
export async function settleDocumentAttempts(
  key: DocumentKey,
  attempts: AuditEvent[],
  source: DocumentSource,
  options: { reconciledBy: string; db?: Kysely<Database> },
): Promise<SettleResult> {
  if (attempts.length === 0) return { resolved: [], busy: false };
  const db = options.db ?? (await getDb());
  const settle = async (pending: AuditEvent[], read: DocumentRead, lockHeld: boolean) => {
    const resolved = await settleAttempts(pending, read, { reconciledBy: options.reconciledBy, lockHeld, db });
    await afterSettling(resolved, read.document, db);
    return resolved;
  };
  const lock = await tryLockDocument(db, key, { lifetimeMs: decisionLockLifetimeMs(getEnv().artemis.timeoutMs) });
  if (!lock.acquired && lock.heldBy?.purpose !== 'settling') return { resolved: [], busy: true };
  const window = lock.acquired ? null : lock.heldBy;
  const settleable = window ? attempts.filter((a) => a.id === window.holder) : attempts;

  const resolved: Resolution[] = [];
  try {
    if (source.earlier) resolved.push(...(await settle(settleable, source.earlier, false)));
    const left = settleable.filter((a) => !resolved.some((r) => r.attempt.id === a.id));
    // Without the lock a second read could only confirm what the first did not.
    if (left.length > 0 && (lock.acquired || !source.earlier)) resolved.push(...(await settle(left, await timedRead(source.read), lock.acquired)));
  } finally {
    if (lock.acquired) await releaseDocumentLock(db, key, lock.lock.holder);
  }
  // An attempt confirmed during its own settling window frees the document at once.
  if (window && resolved.some((r) => r.attempt.id === window.holder)) await releaseDocumentLock(db, key, window.holder);
  return { resolved, busy: resolved.length < attempts.length };
}

/**
 * What a settled outcome changes beside the trail: an approval found not applied waits for a
 * decision again, and the decision's followers are told (the queue's index among them).
 */
async function afterSettling(resolved: Resolution[], document: ArtemisDocument | null, db: Kysely<Database>): Promise<void> {
  for (const { attempt, outcome } of resolved) {
    const proposalId = (attempt.detail as { proposalId?: unknown } | null)?.proposalId;
    if (outcome.action === NOT_APPLIED && typeof proposalId === 'string') await reopenProposal(proposalId, db);
    await announceOutcome({ attempt, outcome, document }, db);
  }
}

/**
 * Inside the lock, before deciding: attempts on the document still waiting for an outcome are
 * settled from the fresh read, so each new decision starts from a trail that says what
 * Artemis holds, and a lost attempt is never credited with a later reviewer's values.
 */
export async function settleBeforeDeciding(key: DocumentKey, read: DocumentRead, reconciledBy: string): Promise<void> {
  const db = await getDb();
  const pending = pendingAttempts(await listDocumentHistory(key.customerId, key.documentId, db));
  if (pending.length === 0) return;
  const resolved = await settleAttempts(pending, read, { reconciledBy, lockHeld: true, db });
  await afterSettling(resolved, read.document, db);
}

export type ReconcileReport = { resolved: Resolution[]; busy: AuditEvent[]; missing: AuditEvent[]; failed: { attempts: AuditEvent[]; error: string }[] };

/**
 * Settles every attempt across the trail still without a final outcome, one read of Artemis per
 * document: for `npm run audit:reconcile` and the background sync.
 */
export async function reconcilePendingAttempts(
  artemis: Pick<ArtemisClient, 'getDocument'>,
  options: { reconciledBy: string; db?: Kysely<Database>; minAgeMs?: number },
): Promise<ReconcileReport> {
  const db = options.db ?? (await getDb());
  const pending = await findPendingAttempts({ db, minAgeMs: options.minAgeMs });
  const byDocument = new Map<string, AuditEvent[]>();
  for (const attempt of pending) {
    const key = `${attempt.customerId}/${attempt.documentId}`;
    byDocument.set(key, [...(byDocument.get(key) ?? []), attempt]);
  }
  const report: ReconcileReport = { resolved: [], busy: [], missing: [], failed: [] };
  for (const attempts of byDocument.values()) {
    const { customerId, documentId } = attempts[0]!;
    if (!customerId || !documentId) {
      report.missing.push(...attempts);
      continue;
    }
    try {
      const result = await settleDocumentAttempts(
        { customerId, documentId },
        attempts,
        { read: () => artemis.getDocument(customerId, documentId) },
        { ...options, db },
      );
      report.resolved.push(...result.resolved);
      const settled = new Set(result.resolved.map((r) => r.attempt.id));
      report.busy.push(...attempts.filter((a) => !settled.has(a.id)));
    } catch (error) {
      // One document Artemis cannot give back now must not keep the others unsettled.
      report.failed.push({ attempts, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/** The background sync's turn at settling; a failure is logged and left for the next turn. */
export async function reconcileInBackground(artemis: Pick<ArtemisClient, 'getDocument'>, reason: string): Promise<void> {
  const log = logger('settling');
  try {
    const report = await reconcilePendingAttempts(artemis, { reconciledBy: `background sync (${reason})` });
    if (report.resolved.length > 0 || report.busy.length > 0 || report.failed.length > 0) {
      log.info(
        {
          settled: report.resolved.map((r) => ({ attempt: r.attempt.id, outcome: r.outcome.action })),
          waiting: report.busy.length,
          unreadable: report.failed.map((f) => ({ document: `${f.attempts[0]!.customerId}/${f.attempts[0]!.documentId}`, error: f.error })),
        },
        'override attempts settled',
      );
    }
  } catch (error) {
    log.warn({ error: errorText(error) }, 'settling override attempts failed; the next sync retries');
  }
}

import 'server-only';
import type { Kysely } from 'kysely';
import type { ArtemisClient, ArtemisDocument } from '@/lib/artemis';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { passFailOf, samePassFail, type PassFail } from '@/lib/liveness/decision';
import { APPLIED, ATTEMPTED, FINAL_OUTCOMES, isFinalOutcome, NOT_APPLIED, SUPERSEDED } from './outcomes';
import { attemptsWithoutFinalOutcome } from './query';
import { lockChainForAppend, recordAuditEvent, toEvent, type AuditEvent } from './trail';

/** Attempts among `events` (one document's history) that no final outcome names yet, oldest first. */
export function pendingAttempts(events: AuditEvent[]): AuditEvent[] {
  const settled = new Set(events.filter((e) => isFinalOutcome(e.action)).map((e) => e.correlationId));
  return events.filter((e) => e.action === ATTEMPTED && !settled.has(e.id)).sort((a, b) => a.seq - b.seq);
}

export type LiveDecision = PassFail & { updatedAt: string | null };

function liveDecision(document: ArtemisDocument): LiveDecision {
  return { ...passFailOf(document.liveness), updatedAt: toIsoTimestamp(document.updatedAt) };
}

export type Settlement = { action: typeof APPLIED | typeof NOT_APPLIED | typeof SUPERSEDED; basis: string };

/**
 * What Artemis's document, read after the attempt, says of it. Credited as applied only when
 * Artemis holds the attempted values and no other applied decision on the document comes after
 * the attempt in the trail (`laterApplied`): otherwise whose write Artemis holds cannot be
 * told, and the attempt is superseded, never credited. Values that changed to the attempted
 * ones count whatever `updatedAt` says (that a liveness PUT moves it is only assumed); the
 * timestamp decides only when the values cannot (an override that set the values already there).
 */
export function judgeAttempt(attempt: AuditEvent, live: LiveDecision | null, laterApplied: boolean): Settlement {
  if (laterApplied) return { action: SUPERSEDED, basis: 'a later decision on this document was applied before this attempt was confirmed' };
  if (!live) return { action: SUPERSEDED, basis: 'the document is no longer in Artemis' };
  const before = passFailOf(attempt.before);
  const after = passFailOf(attempt.after);
  if (samePassFail(live, after) && !samePassFail(before, after)) return { action: APPLIED, basis: 'Artemis holds the attempted decision' };
  const seen = (attempt.detail as { seenUpdatedAt?: unknown } | null)?.seenUpdatedAt;
  const unchanged = typeof seen === 'string' && live.updatedAt !== null ? live.updatedAt === seen : null;
  if (samePassFail(live, after)) {
    // The attempt asked for the values already there: only the timestamp can tell.
    if (unchanged === false) return { action: APPLIED, basis: 'Artemis holds the attempted decision, set after the attempt was prepared' };
    if (unchanged === true) return { action: NOT_APPLIED, basis: 'the document has not changed in Artemis since the attempt was prepared' };
    return { action: SUPERSEDED, basis: 'Artemis holds the attempted values, which were there before it; whether it was applied cannot be told' };
  }
  if (samePassFail(live, before) && unchanged !== false)
    return { action: NOT_APPLIED, basis: 'Artemis still holds the values from before the attempt, unchanged' };
  return { action: SUPERSEDED, basis: 'Artemis holds other values than the attempted decision, changed outside this console' };
}

export type Resolution = { attempt: AuditEvent; outcome: AuditEvent };

/** What one read of Artemis answered for a document (null: gone), and when that read was sent. */
export type DocumentRead = { document: ArtemisDocument | null; startedAt: string };

/** Sends `read` and notes when: the read's answer can only speak of what was recorded before it. */
export async function timedRead(read: () => Promise<ArtemisDocument | null>): Promise<DocumentRead> {
  const startedAt = new Date().toISOString();
  return { document: await read(), startedAt };
}

/**
 * Whether a read can be evidence of what followed something recorded at `recordedAt`: only when
 * it was sent strictly later. An older read (a read-ahead, a page rendered before the attempt)
 * may show a document as it was before the PUT, and would credit or deny the wrong thing.
 * Instances' clocks are assumed to agree (NTP); a read in the same millisecond counts as older.
 */
export const readSentAfter = (read: Pick<DocumentRead, 'startedAt'>, recordedAt: string): boolean => read.startedAt > recordedAt;

/**
 * Settles attempts by what Artemis holds (`read`: its document, null when it is gone), each in
 * the append's transaction: an attempt that gained a final outcome meanwhile is left alone, and
 * the database refuses a second one anyway. Only a read sent after an attempt was recorded
 * settles it. Only the holder of the document's decision lock may settle "not applied" or
 * "superseded" (`lockHeld`): without it a PUT may still be under way, so only a confirmation
 * (applied) is recorded.
 */
export async function settleAttempts(
  attempts: AuditEvent[],
  read: DocumentRead,
  options: { reconciledBy: string; lockHeld: boolean; db?: Kysely<Database> },
): Promise<Resolution[]> {
  const db = options.db ?? (await getDb());
  const live = read.document ? liveDecision(read.document) : null;
  const resolved: Resolution[] = [];
  const evidenced = attempts.filter((attempt) => readSentAfter(read, attempt.occurredAt));
  for (const attempt of evidenced.sort((a, b) => a.seq - b.seq)) {
    const outcome = await writeTransaction(db, async (trx) => {
      await lockChainForAppend(trx);
      const settled = await trx
        .selectFrom('audit_events')
        .select('seq')
        .where('correlation_id', '=', attempt.id)
        .where('action', 'in', FINAL_OUTCOMES)
        .executeTakeFirst();
      if (settled) return null;
      const laterApplied = await trx
        .selectFrom('audit_events')
        .select('seq')
        .where('customer_id', '=', attempt.customerId)
        .where('document_id', '=', attempt.documentId)
        .where('action', '=', APPLIED)
        .where('seq', '>', attempt.seq)
        .limit(1)
        .executeTakeFirst();
      const { action, basis } = judgeAttempt(attempt, live, laterApplied !== undefined);
      if (action !== APPLIED && !options.lockHeld) return null;
      return recordAuditEvent(
        {
          action,
          // The decision was the attempt's author's; the detail says who confirmed it, and how.
          actor: { id: attempt.actorId, email: attempt.actorEmail, role: attempt.actorRole },
          customerId: attempt.customerId,
          documentId: attempt.documentId,
          correlationId: attempt.id,
          before: attempt.before,
          after: attempt.after,
          machine: attempt.machine,
          reasonCode: attempt.reasonCode,
          reasonText: attempt.reasonText,
          thresholds: attempt.thresholds,
          detail: { ...((attempt.detail as Record<string, unknown> | null) ?? {}), reconciled: true, reconciledBy: options.reconciledBy, basis, live },
        },
        trx,
      );
    });
    if (outcome) resolved.push({ attempt, outcome });
  }
  return resolved;
}

/** Every attempt across the trail still without a final outcome and at least `minAgeMs` old. */
export async function findPendingAttempts(options: { db?: Kysely<Database>; minAgeMs?: number; now?: number } = {}): Promise<AuditEvent[]> {
  const db = options.db ?? (await getDb());
  const cutoff = new Date((options.now ?? Date.now()) - (options.minAgeMs ?? 0)).toISOString();
  const rows = await attemptsWithoutFinalOutcome(db.selectFrom('audit_events').selectAll('audit_events'))
    .where('audit_events.occurred_at', '<=', cutoff)
    .orderBy('audit_events.seq')
    .execute();
  return rows.map(toEvent);
}

export type Drift = {
  customerId: number;
  documentId: number;
  lastApplied: AuditEvent;
  live: ReturnType<typeof liveDecision> | null;
};

/**
 * Documents whose liveness decision in Artemis is not the one the trail last applied: changed
 * there without a matching event here (or deleted). Reads each audited document once.
 */
export async function findDrift(artemis: Pick<ArtemisClient, 'getDocument'>, options: { db?: Kysely<Database> } = {}): Promise<Drift[]> {
  const db = options.db ?? (await getDb());
  const latest = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('action', '=', APPLIED)
    .where('customer_id', 'is not', null)
    .where('document_id', 'is not', null)
    .groupBy(['customer_id', 'document_id'])
    .execute();
  const drift: Drift[] = [];
  for (const { seq } of latest) {
    const row = await db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const lastApplied = toEvent(row);
    const document = await artemis.getDocument(lastApplied.customerId!, lastApplied.documentId!);
    const live = document ? liveDecision(document) : null;
    if (!live || !samePassFail(live, passFailOf(lastApplied.after))) {
      drift.push({ customerId: lastApplied.customerId!, documentId: lastApplied.documentId!, lastApplied, live });
    }
  }
  return drift;
}

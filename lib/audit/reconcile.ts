import 'server-only';
import type { Kysely } from 'kysely';
import type { ArtemisClient, ArtemisDocument } from '@/lib/artemis';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { lockChainForAppend, recordAuditEvent, toEvent, type AuditEvent } from './trail';

type Pair = { conclusion: boolean | null; facialCheck: boolean | null };

/**
 * How long an attempt may stay without an outcome before it counts as lost: the PUT's timeout,
 * once more for its single retry, and a margin for the audit write after it.
 */
export function unresolvedAfterMs(artemisTimeoutMs: number): number {
  return 2 * artemisTimeoutMs + 5_000;
}

/** Attempts in `events` (one document's history) that no outcome names and that are old enough. */
export function staleAttempts(events: AuditEvent[], minAgeMs: number, now = Date.now()): AuditEvent[] {
  const closed = new Set(events.map((e) => e.correlationId).filter(Boolean));
  return events
    .filter((e) => e.action === 'override.attempted' && !closed.has(e.id) && now - Date.parse(e.occurredAt) >= minAgeMs)
    .sort((a, b) => a.seq - b.seq);
}

function pairOf(value: unknown): Pair {
  const v = (value ?? {}) as Record<string, unknown>;
  return {
    conclusion: typeof v.conclusion === 'boolean' ? v.conclusion : null,
    facialCheck: typeof v.facialCheck === 'boolean' ? v.facialCheck : null,
  };
}

export function liveDecision(document: ArtemisDocument): Pair & { updatedAt: string | null } {
  return { ...pairOf(document.liveness), updatedAt: toIsoTimestamp(document.updatedAt) };
}

const samePair = (a: Pair, b: Pair) => a.conclusion === b.conclusion && a.facialCheck === b.facialCheck;

export type Resolution = { attempt: AuditEvent; outcome: AuditEvent };

/**
 * Closes attempts left without an outcome (the process died mid-request) by what Artemis holds
 * now: the decision is in effect → `override.applied`; the document did not change since the
 * attempt was prepared, or holds other values → `override.not_applied`. Both carry
 * `detail.reconciled` and the live values they were judged on. An attempt that gained an
 * outcome meanwhile (another instance got there first) is left alone.
 */
export async function resolveAttempts(
  attempts: AuditEvent[],
  document: ArtemisDocument,
  options: { reconciledBy: string; db?: Kysely<Database> },
): Promise<Resolution[]> {
  const db = options.db ?? (await getDb());
  const live = liveDecision(document);
  const resolved: Resolution[] = [];
  for (const attempt of attempts) {
    const after = pairOf(attempt.after);
    const seen = (attempt.detail as { seenUpdatedAt?: unknown } | null)?.seenUpdatedAt;
    let applied: boolean;
    let basis: string;
    if (typeof seen === 'string' && live.updatedAt === seen) {
      applied = false;
      basis = 'the document has not changed in Artemis since the attempt was prepared';
    } else if (samePair(live, after)) {
      applied = true;
      basis = 'Artemis holds the attempted decision';
    } else {
      applied = false;
      basis = 'Artemis holds other values than the attempted decision';
    }
    const outcome = await writeTransaction(db, async (trx) => {
      await lockChainForAppend(trx);
      const existing = await trx.selectFrom('audit_events').select('seq').where('correlation_id', '=', attempt.id).executeTakeFirst();
      if (existing) return null;
      return recordAuditEvent(
        {
          action: applied ? 'override.applied' : 'override.not_applied',
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
          detail: { reconciled: true, reconciledBy: options.reconciledBy, basis, live },
        },
        trx,
      );
    });
    if (outcome) resolved.push({ attempt, outcome });
  }
  return resolved;
}

/** Every attempt, across the trail, still without an outcome and older than `minAgeMs`. */
export async function findStaleAttempts(minAgeMs: number, options: { db?: Kysely<Database>; now?: number } = {}): Promise<AuditEvent[]> {
  const db = options.db ?? (await getDb());
  const cutoff = new Date((options.now ?? Date.now()) - minAgeMs).toISOString();
  const rows = await db
    .selectFrom('audit_events')
    .selectAll('audit_events')
    .where('audit_events.action', '=', 'override.attempted')
    .where('audit_events.occurred_at', '<=', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_events as outcome').select('outcome.seq').whereRef('outcome.correlation_id', '=', 'audit_events.id'))),
    )
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
    .where('action', '=', 'override.applied')
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
    if (!live || !samePair(live, pairOf(lastApplied.after))) {
      drift.push({ customerId: lastApplied.customerId!, documentId: lastApplied.documentId!, lastApplied, live });
    }
  }
  return drift;
}

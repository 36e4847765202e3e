import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf, getDb, writeTransaction, type Database } from '@/lib/db';
import type { AuditEventRow } from '@/lib/db/schema';
import { canonicalJson } from '@/lib/canonical-json';
import { metrics } from '@/lib/metrics';
import type { AuditAction } from './actions';
import { computeEventHash, GENESIS_HASH, type ChainedContent } from './event-hash';
import { announceInTransaction } from './outbox';

export { computeEventHash, GENESIS_HASH, hashOfStoredRow } from './event-hash';

export { canonicalJson } from '@/lib/canonical-json';

export type AuditActor = { id: string | null; email: string; role: string | null };

export type AuditEventInput = {
  action: AuditAction;
  actor: AuditActor;
  customerId?: number | null;
  documentId?: number | null;
  /** Links an attempt to its outcome (the outcome carries the attempt's id). */
  correlationId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The machine's values: livenessResult, confidence, face attributes. */
  machine?: unknown;
  reasonCode?: string | null;
  reasonText?: string | null;
  thresholds?: unknown;
  upstreamStatus?: number | null;
  requestId?: string | null;
  /** Anything else worth keeping. */
  detail?: unknown;
};

/** JSON payloads: text in the hashed content, parsed in an event. */
type JsonPayloads = 'before' | 'after' | 'machine' | 'thresholds' | 'detail';

/** A stored event as the console reads it: the hashed content, payloads parsed, with its seq and hash. */
export type AuditEvent = Omit<ChainedContent, 'v' | JsonPayloads> & Record<JsonPayloads, unknown> & { seq: number; hash: string };

/** PostgreSQL advisory lock key serialising appends across app instances ("LRCaudit"). */
const PG_APPEND_LOCK = 0x4c52_4361_7564;

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

function optionalInt(value: number | null | undefined, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value)) throw new TypeError(`audit event ${field} must be an integer, got ${String(value)}`);
  return value;
}

/** BIGINT columns come back from PostgreSQL as strings. */
function toNumberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Text as the databases keep it: SQLite and PostgreSQL store a lone surrogate as U+FFFD and
 * PostgreSQL refuses NUL, so the hash is taken over what will be read back, not what was sent.
 */
function storableText<T extends string | null>(text: T): T {
  return (text === null ? null : text.toWellFormed().replaceAll('\0', '\ufffd')) as T;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Only a tampered row can hold invalid JSON; show it as is rather than fail the page.
    return text;
  }
}

export function toEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    action: row.action,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorRole: row.actor_role,
    customerId: toNumberOrNull(row.customer_id),
    documentId: toNumberOrNull(row.document_id),
    correlationId: row.correlation_id,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
    machine: parseJson(row.machine_json),
    reasonCode: row.reason_code,
    reasonText: row.reason_text,
    thresholds: parseJson(row.thresholds_json),
    upstreamStatus: row.upstream_status === null ? null : Number(row.upstream_status),
    requestId: row.request_id,
    detail: parseJson(row.detail_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one event to the trail and returns it. Appends are serialised (SQLite write lock taken
 * up front; a PostgreSQL advisory lock) so concurrent writers, in this or other processes,
 * extend one chain. May be given a transaction (see `writeTransaction`) to commit the event
 * together with the change it records. `pastTime` is only for the demo's history seeded into an
 * empty trail (lib/calibration/demo-history.ts); time still never goes backwards along the chain.
 */
export async function recordAuditEvent(input: AuditEventInput, db?: Kysely<Database>, pastTime?: Date): Promise<AuditEvent> {
  const at = pastTime ?? new Date();
  if (typeof input.action !== 'string' || input.action.trim() === '') throw new TypeError('audit event needs an action');
  if (typeof input.actor?.email !== 'string') throw new TypeError('audit event needs an actor email');

  // Everything that does not depend on the chain is prepared outside the lock.
  const content = {
    id: randomUUID(),
    action: input.action,
    actor_id: input.actor.id ?? null,
    actor_email: storableText(input.actor.email),
    actor_role: input.actor.role ?? null,
    customer_id: optionalInt(input.customerId, 'customerId'),
    document_id: optionalInt(input.documentId, 'documentId'),
    correlation_id: storableText(input.correlationId ?? null),
    before_json: jsonText(input.before),
    after_json: jsonText(input.after),
    machine_json: jsonText(input.machine),
    reason_code: input.reasonCode ?? null,
    reason_text: storableText(input.reasonText ?? null),
    thresholds_json: jsonText(input.thresholds),
    upstream_status: optionalInt(input.upstreamStatus, 'upstreamStatus'),
    request_id: storableText(input.requestId ?? null),
    detail_json: jsonText(input.detail),
  };
  const target = db ?? (await getDb());

  const event = await writeTransaction(target, async (trx) => {
    await lockChainForAppend(trx);
    const last = await trx.selectFrom('audit_events').select(['hash', 'occurred_at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row = { ...content, occurred_at: chainedTime(at, last?.occurred_at), prev_hash: last?.hash ?? GENESIS_HASH };
    const full = { ...row, hash: computeEventHash(row) };
    const inserted = await trx.insertInto('audit_events').values(full).returning('seq').executeTakeFirstOrThrow();
    await advanceChainHead(trx, { seq: Number(inserted.seq), id: full.id, hash: full.hash }, 1);
    const event = toEvent({ ...full, seq: inserted.seq });
    // History seeded at its own past time is not news: only events as they happen are announced.
    if (!pastTime) await announceInTransaction(trx, event);
    return event;
  });
  countInMetrics(event.action);
  return event;
}

/** What a recorded decision came to, by its audit action (a settled unknown counts again when settled). */
const DECISION_OUTCOMES: Partial<Record<AuditAction, string>> = {
  'override.applied': 'applied',
  'override.not_applied': 'not_applied',
  'override.failed': 'not_applied',
  'override.outcome_unknown': 'unknown',
  'override.conflict': 'conflict',
  'override.proposed': 'proposal',
};

/** Counts an appended event where it is a decision outcome or a sign-in failure or lockout. */
function countInMetrics(action: string): void {
  const m = metrics();
  const outcome = DECISION_OUTCOMES[action as AuditAction];
  if (outcome) m.decisions.inc({ outcome });
  else if (action === 'auth.sign_in_failed') m.signInFailures.inc();
  else if (action === 'auth.locked_out') m.signInLockouts.inc();
}

/**
 * Moves the chain head to the newest event, inside the append's transaction (and lock). Exported
 * for bulk appends (scripts/bench/synthetic-audit.ts), which must keep the anchor in step too.
 */
export async function advanceChainHead(trx: Kysely<Database>, newest: { seq: number; id: string; hash: string }, added: number): Promise<void> {
  const updated = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({
      last_seq: newest.seq,
      last_id: newest.id,
      last_hash: newest.hash,
      event_count: eb('event_count', '+', added),
      updated_at: new Date().toISOString(),
    }))
    .where('id', '=', 1)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error('audit_chain_head is missing: the audit trail cannot be extended');
}

/**
 * An event's time: now, but never before the event it follows. Taken under the append lock,
 * so time never goes backwards along the chain, even when instances' clocks disagree (an event
 * is then dated up to that disagreement late). Date filters rely on it (lib/audit/query.ts)
 * and `audit:verify` checks it. ISO-8601 UTC strings of one format compare as their times.
 */
export function chainedTime(now: Date, previous: string | undefined): string {
  const iso = now.toISOString();
  return previous !== undefined && previous > iso ? previous : iso;
}

/** PostgreSQL only: takes the lock that serialises appends (SQLite's write lock does it there). */
export async function lockChainForAppend(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(PG_APPEND_LOCK)})`.execute(trx);
}

/** One document's events, newest first. */
export async function listDocumentHistory(customerId: number, documentId: number, db?: Kysely<Database>): Promise<AuditEvent[]> {
  const target = db ?? (await getDb());
  const rows = await target
    .selectFrom('audit_events')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toEvent);
}

// How an audit event's hash is computed (SPEC §8). Pure, without the database: the console,
// `audit:verify` and the offline `evidence:verify` (which an examiner runs on a pack) share it.
import { createHash } from 'node:crypto';
import type { AuditEventRow, NewAuditEventRow } from '@/lib/db/schema';
import { canonicalJson } from '@/lib/canonical-json';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bump (and keep the old rule for old rows) if the hashed content ever changes. */
const HASH_VERSION = 1;

export type HashedColumns = Omit<NewAuditEventRow, 'hash'> & { customer_id: number | null; document_id: number | null };

/**
 * Exactly what an event's hash covers: every content column as stored (JSON payloads as their
 * stored text) plus prev_hash. An evidence pack's events.json carries this, plus seq and hash.
 */
export type ChainedContent = {
  v: number;
  id: string;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorEmail: string;
  actorRole: string | null;
  customerId: number | null;
  documentId: number | null;
  correlationId: string | null;
  before: string | null;
  after: string | null;
  machine: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  thresholds: string | null;
  upstreamStatus: number | null;
  requestId: string | null;
  detail: string | null;
  prevHash: string;
};

export function chainedContent(row: HashedColumns): ChainedContent {
  return {
    v: HASH_VERSION,
    id: row.id,
    occurredAt: row.occurred_at,
    action: row.action,
    actorId: row.actor_id ?? null,
    actorEmail: row.actor_email,
    actorRole: row.actor_role ?? null,
    customerId: row.customer_id,
    documentId: row.document_id,
    correlationId: row.correlation_id ?? null,
    before: row.before_json ?? null,
    after: row.after_json ?? null,
    machine: row.machine_json ?? null,
    reasonCode: row.reason_code ?? null,
    reasonText: row.reason_text ?? null,
    thresholds: row.thresholds_json ?? null,
    upstreamStatus: row.upstream_status ?? null,
    requestId: row.request_id ?? null,
    detail: row.detail_json ?? null,
    prevHash: row.prev_hash,
  };
}

/** sha256 (hex) of the content's canonical JSON: editing any field, or moving, removing or inserting an event, breaks the chain. */
export function hashOfContent(content: ChainedContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export function computeEventHash(row: HashedColumns): string {
  return hashOfContent(chainedContent(row));
}

/** BIGINT columns come back from PostgreSQL as strings. */
function toNumberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** A stored row's hashed content, read back as either database returns it. */
export function storedContent(row: AuditEventRow): ChainedContent {
  return chainedContent({
    ...row,
    customer_id: toNumberOrNull(row.customer_id),
    document_id: toNumberOrNull(row.document_id),
    upstream_status: toNumberOrNull(row.upstream_status),
  });
}

export function hashOfStoredRow(row: AuditEventRow): string {
  return hashOfContent(storedContent(row));
}

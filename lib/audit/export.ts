import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import type { AuditEventRow } from '@/lib/db/schema';
import { csvRow } from './csv';
import type { AuditFilters } from './filters';
import { iterateAuditEvents } from './query';

/**
 * The stored columns, JSON payloads as their stored text, plus prev_hash and hash: an auditor
 * can re-check every row's hash from the file (cells a spreadsheet would run as a formula are
 * prefixed with ' and must be unprefixed first).
 */
const AUDIT_CSV_COLUMNS = [
  'seq',
  'id',
  'occurred_at_utc',
  'action',
  'actor_email',
  'actor_role',
  'actor_id',
  'customer_id',
  'document_id',
  'correlation_id',
  'before',
  'after',
  'reason_code',
  'reason_text',
  'machine',
  'thresholds',
  'upstream_status',
  'request_id',
  'detail',
  'prev_hash',
  'hash',
] as const;

function toCsv(row: AuditEventRow): string {
  return csvRow([
    Number(row.seq),
    row.id,
    row.occurred_at,
    row.action,
    row.actor_email,
    row.actor_role,
    row.actor_id,
    row.customer_id === null ? null : Number(row.customer_id),
    row.document_id === null ? null : Number(row.document_id),
    row.correlation_id,
    row.before_json,
    row.after_json,
    row.reason_code,
    row.reason_text,
    row.machine_json,
    row.thresholds_json,
    row.upstream_status === null ? null : Number(row.upstream_status),
    row.request_id,
    row.detail_json,
    row.prev_hash,
    row.hash,
  ]);
}

/** The filtered events as a CSV byte stream, read from the database one batch per pull. */
export function auditCsvStream(filters: AuditFilters, options: { batchSize?: number; db?: Kysely<Database> } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<AuditEventRow[]> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_COLUMNS)));
      },
      async pull(controller) {
        batches ??= iterateAuditEvents(filters, options);
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(toCsv).join('')));
      },
      async cancel() {
        await batches?.return(undefined);
      },
    },
    // Pull one batch at a time, only when the client has taken the previous one.
    { highWaterMark: 0 },
  );
}

import { passFailText } from '@/lib/format';
import { passFailOf, type PassFail } from '@/lib/liveness/decision';
import type { AuditListEvent } from './query';
import { asRecord } from '@/lib/records';

// What the /audit table shows of each event. The table is a client component: only these
// fields go into the page, as text and flags, not the events' hashes, ids or raw JSON.

/** `Pass`, `Fail` or `not set`. */
type ShownPair = PassFail<string>;

export type AuditTableRow = {
  id: string;
  seq: number;
  occurredAt: string;
  actorEmail: string;
  actorRole: string | null;
  action: string;
  outcomeAction: string | null;
  /** The outcome was settled by reading Artemis back. */
  reconciled: boolean;
  customerId: number | null;
  documentId: number | null;
  /** A decision's two fields before and after, or other events' flat fields as text, or nothing. */
  change: { before: ShownPair; after: ShownPair } | { text: string } | null;
  reasonCode: string | null;
  reasonText: string | null;
  upstreamStatus: number | null;
  requestId: string | null;
};

/** Other events (user administration…): their flat fields, as text. */
function summary(value: unknown): string {
  const fields = asRecord(value);
  if (!fields) return value === null || value === undefined ? '—' : String(value);
  const parts = Object.entries(fields)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function change(before: unknown, after: unknown): AuditTableRow['change'] {
  if (!before && !after) return null;
  const decision = [before, after].map(asRecord).some((v) => v !== undefined && ('conclusion' in v || 'facialCheck' in v));
  if (!decision) return { text: `${before ? `${summary(before)} → ` : ''}${summary(after)}` };
  const shown = (record: unknown): ShownPair => {
    const { conclusion, facialCheck } = passFailOf(record);
    return { conclusion: passFailText(conclusion), facialCheck: passFailText(facialCheck) };
  };
  return { before: shown(before), after: shown(after) };
}

export function auditTableRows(events: AuditListEvent[]): AuditTableRow[] {
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    action: e.action,
    outcomeAction: e.outcomeAction ?? null,
    reconciled: (e.detail as { reconciled?: unknown } | null)?.reconciled === true,
    customerId: e.customerId,
    documentId: e.documentId,
    change: change(e.before, e.after),
    reasonCode: e.reasonCode,
    reasonText: e.reasonText,
    upstreamStatus: e.upstreamStatus,
    requestId: e.requestId,
  }));
}

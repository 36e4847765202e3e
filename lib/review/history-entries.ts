import { shownInHistory } from '@/lib/audit/actions';
import { ATTEMPTED, isFinalOutcome, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';
import type { AuditEvent } from '@/lib/audit/trail';
import { passFailOf, type PassFail } from '@/lib/liveness/decision';
import { REASON_CODE_LABELS, type ReasonCode } from '@/lib/liveness/reason-codes';
import { asRecord } from '@/lib/records';

/**
 * One line of a document's history as the review screen shows it. The history is a client
 * component: only these fields of each audit event go into the page, not its hashes or ids.
 */
export type HistoryEntry = {
  key: string;
  action: string;
  actorEmail: string;
  actorRole: string | null;
  occurredAt: string;
  upstreamStatus: number | null;
  reconciled: boolean;
  /** An attempt, or its unknown outcome, still waiting to be settled by reading Artemis back. */
  awaitingOutcome: boolean;
  /** Before and after of the two decision fields, when the event carries them. */
  change: { before: PassFail; after: PassFail } | null;
  reasonLabel: string | null;
  reasonText: string | null;
  /** A note's text (`note.added`). */
  note: string | null;
  fourEyes: { proposerEmail: string; approverEmail: string } | null;
  checkerReason: string | null;
  requestId: string | null;
};

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** An attempt is shown on its own only while no outcome names it. */
function visibleHistory(events: AuditEvent[]): AuditEvent[] {
  const resolved = new Set(events.filter((e) => e.correlationId).map((e) => e.correlationId));
  return events.filter((e) => shownInHistory(e.action) && !(e.action === ATTEMPTED && resolved.has(e.id)));
}

export function historyEntries(events: AuditEvent[]): HistoryEntry[] {
  const settled = new Set(events.filter((e) => isFinalOutcome(e.action)).map((e) => e.correlationId));
  return visibleHistory(events).map((event) => {
    const detail = asRecord(event.detail);
    const proposerEmail = text(detail?.proposerEmail);
    const approverEmail = text(detail?.approverEmail);
    const code = event.reasonCode as ReasonCode | null;
    return {
      key: event.id,
      action: event.action,
      actorEmail: event.actorEmail,
      actorRole: event.actorRole,
      occurredAt: event.occurredAt,
      upstreamStatus: event.upstreamStatus,
      reconciled: detail?.reconciled === true,
      awaitingOutcome: event.action === ATTEMPTED || (event.action === OUTCOME_UNKNOWN && !settled.has(event.correlationId)),
      change: asRecord(event.before) || asRecord(event.after) ? { before: passFailOf(event.before), after: passFailOf(event.after) } : null,
      reasonLabel: code ? (REASON_CODE_LABELS[code] ?? code) : null,
      reasonText: event.action === 'note.added' ? null : event.reasonText || null,
      note: event.action === 'note.added' ? event.reasonText : null,
      fourEyes: proposerEmail && approverEmail ? { proposerEmail, approverEmail } : null,
      checkerReason: text(detail?.checkerReason),
      requestId: event.requestId,
    };
  });
}

// Test data only.
import type { AuditEvent } from '@/lib/audit/trail';

let seq = 0;
/** An audit event for tests of what pages make of events: each call a new seq and id. */
export function auditEventFixture(fields: Partial<AuditEvent>): AuditEvent {
  seq += 1;
  return {
    seq,
    id: `event-${seq}`,
    occurredAt: `2026-11-30T10:00:0${seq % 10}.000Z`,
    action: 'override.applied',
    actorId: 'user-1',
    actorEmail: 'ria@example.test',
    actorRole: 'reviewer',
    customerId: 1001,
    documentId: 5001,
    correlationId: null,
    before: null,
    after: null,
    machine: { livenessResult: false },
    reasonCode: null,
    reasonText: null,
    thresholds: { pass: 80, fail: 50 },
    upstreamStatus: null,
    requestId: null,
    detail: null,
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...fields,
  };
}

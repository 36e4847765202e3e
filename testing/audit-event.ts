// Test data only: audit events to append, and what an attacker with database access does.
import { sql, type Kysely } from 'kysely';
import { recordAuditEvent, type AuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import type { Database } from '@/lib/db';
import type { TestDatabase } from './db';

export const reviewer = { id: 'u-1', email: 'reviewer@demo.test', role: 'reviewer' };

export function overrideEvent(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'override.attempted',
    actor: reviewer,
    customerId: 101,
    documentId: 202,
    before: { conclusion: false, facialCheck: false },
    after: { conclusion: true, facialCheck: true },
    machine: { livenessResult: false, confidence: 42.5, eyesClosed: { value: false, confidence: 99 } },
    reasonCode: 'FALSE_REJECT',
    reasonText: 'Genuine person, poor lighting',
    thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
    ...overrides,
  };
}

/** What an attacker with direct database access does first. */
export async function dropAppendOnlyTriggers(t: TestDatabase) {
  if (t.kind === 'postgres') {
    await sql`drop trigger audit_events_no_update_delete on audit_events`.execute(t.db);
    await sql`drop trigger audit_events_no_truncate on audit_events`.execute(t.db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(t.db);
    await sql`drop trigger audit_events_no_delete`.execute(t.db);
  }
}

export async function appendMany(db: Kysely<Database>, n: number) {
  const events = [];
  for (let i = 0; i < n; i++) events.push(await recordAuditEvent(overrideEvent({ detail: { i } }), db));
  return events;
}

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

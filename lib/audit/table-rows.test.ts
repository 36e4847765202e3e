import { describe, expect, it } from 'vitest';
import type { AuditListEvent } from './query';
import { auditTableRows } from './table-rows';

function event(fields: Partial<AuditListEvent>): AuditListEvent {
  return {
    seq: 7,
    id: 'event-7',
    occurredAt: '2026-11-30T10:00:00.000Z',
    action: 'override.attempted',
    actorId: 'user-1',
    actorEmail: 'ria@example.test',
    actorRole: 'reviewer',
    customerId: 1001,
    documentId: 5001,
    correlationId: 'corr-1',
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

describe('auditTableRows', () => {
  it('shows a decision as Pass, Fail or not set on each side, and nothing of the chain', () => {
    const [row] = auditTableRows([
      event({
        before: { conclusion: true, facialCheck: null },
        after: { conclusion: false, facialCheck: true },
        outcomeAction: 'override.applied',
        detail: { reconciled: true },
        reasonCode: 'SPOOF_SUSPECTED',
        requestId: 'req-9',
      }),
    ]);
    expect(row).toMatchObject({
      seq: 7,
      action: 'override.attempted',
      outcomeAction: 'override.applied',
      reconciled: true,
      change: { before: { conclusion: 'Pass', facialCheck: 'not set' }, after: { conclusion: 'Fail', facialCheck: 'Pass' } },
      reasonCode: 'SPOOF_SUSPECTED',
      requestId: 'req-9',
    });
    expect(JSON.stringify(row)).not.toMatch(/a{64}|b{64}|corr-1|user-1|livenessResult|thresholds/);
  });

  it('shows other events by their flat fields as text, and no change when there is none', () => {
    const [admin, signIn] = auditTableRows([
      event({ action: 'user.role_changed', before: { role: 'reviewer', nested: { x: 1 } }, after: { role: 'admin', name: null } }),
      event({ action: 'auth.sign_in', customerId: null, documentId: null }),
    ]);
    expect(admin!.change).toEqual({ text: 'role: reviewer → role: admin, name: —' });
    expect(signIn!.change).toBeNull();
    expect(signIn!.outcomeAction).toBeNull();
    expect(signIn!.reconciled).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { auditEventFixture } from '@/testing/audit-event';
import type { AuditListEvent } from './query';
import { auditTableRows } from './table-rows';

const event = (fields: Partial<AuditListEvent>): AuditListEvent =>
  auditEventFixture({ seq: 7, id: 'event-7', action: 'override.attempted', correlationId: 'corr-1', ...fields });

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

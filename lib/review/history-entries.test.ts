import { describe, expect, it } from 'vitest';
import { auditEventFixture as event } from '@/testing/audit-event';
import { REASON_CODE_LABELS } from '@/lib/liveness/reason-codes';
import { historyEntries } from './history-entries';

describe('historyEntries', () => {
  it('shows decisions with their change, reason and request, and nothing of the chain', () => {
    const [entry] = historyEntries([
      event({
        action: 'override.applied',
        before: { conclusion: false, facialCheck: null },
        after: { conclusion: true, facialCheck: true },
        reasonCode: 'FALSE_REJECT',
        reasonText: 'Checked against the passport scan',
        upstreamStatus: 200,
        requestId: 'req-42',
      }),
    ]);
    expect(entry).toMatchObject({
      action: 'override.applied',
      actorEmail: 'ria@example.test',
      actorRole: 'reviewer',
      upstreamStatus: 200,
      change: { before: { conclusion: false, facialCheck: null }, after: { conclusion: true, facialCheck: true } },
      reasonText: 'Checked against the passport scan',
      requestId: 'req-42',
      fourEyes: null,
      reconciled: false,
    });
    expect(entry!.reasonLabel).toBe(REASON_CODE_LABELS.FALSE_REJECT);
    expect(JSON.stringify(entry)).not.toMatch(/a{64}|b{64}|livenessResult|thresholds/);
  });

  it('hides an attempt once an outcome names it, and keeps one that has none', () => {
    const settled = event({ action: 'override.attempted' });
    const open = event({ action: 'override.attempted' });
    const outcome = event({ action: 'override.failed', correlationId: settled.id, upstreamStatus: 500 });
    expect(historyEntries([settled, open, outcome]).map((e) => e.key)).toEqual([open.id, outcome.id]);
  });

  it('leaves out what is not a decision: sign-ins, exports, take-overs', () => {
    const shown = historyEntries([event({ action: 'auth.sign_in' }), event({ action: 'audit.exported' }), event({ action: 'claim.taken_over' })]);
    expect(shown).toEqual([]);
  });

  it('names both people of a four-eyes decision, the checker’s reason and a read-back', () => {
    const [entry] = historyEntries([
      event({
        action: 'override.approved',
        detail: { proposerEmail: 'ria@example.test', approverEmail: 'sam@example.test', checkerReason: 'Agreed', reconciled: true },
      }),
    ]);
    expect(entry).toMatchObject({
      fourEyes: { proposerEmail: 'ria@example.test', approverEmail: 'sam@example.test' },
      checkerReason: 'Agreed',
      reconciled: true,
      change: null,
    });
  });
});

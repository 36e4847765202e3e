import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import type { AuditAction } from './actions';
import { computeOverrideStats, overrideRate } from './stats';
import { recordAuditEvent } from './trail';

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`human vs machine on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('counts override rate and flips per reviewer and reason code', async () => {
      const applied = (email: string, machine: boolean | null, human: boolean, reasonCode: string) =>
        recordAuditEvent(
          {
            action: 'override.applied',
            actor: { id: email, email, role: 'reviewer' },
            customerId: 1,
            documentId: 2,
            machine: { livenessResult: machine },
            after: { conclusion: human, facialCheck: human },
            reasonCode,
          },
          t.db,
        );
      await applied('a@x.test', false, true, 'FALSE_REJECT');
      await applied('a@x.test', true, true, 'OTHER');
      await applied('b@x.test', true, false, 'SPOOF_SUSPECTED');
      await applied('b@x.test', null, false, 'OTHER');
      await recordAuditEvent(
        { action: 'override.failed', actor: { id: 'c', email: 'c@x.test', role: 'reviewer' }, machine: { livenessResult: false }, after: { conclusion: true } },
        t.db,
      );

      const stats = await computeOverrideStats({}, { db: t.db });
      expect(stats.overall).toEqual({ decisions: 4, comparable: 3, overrides: 2, failToPass: 1, passToFail: 1, machineFails: 1 });
      expect(overrideRate(stats.overall)).toBeCloseTo(2 / 3);
      expect(stats.byReviewer.map((r) => [r.key, r.tally.overrides, r.tally.decisions])).toEqual([
        ['a@x.test', 1, 2],
        ['b@x.test', 1, 2],
      ]);
      expect(stats.byReasonCode.find((r) => r.key === 'OTHER')!.tally).toMatchObject({ decisions: 2, comparable: 1, overrides: 0 });
      expect((await computeOverrideStats({ actor: 'b@x.test' }, { db: t.db })).overall.passToFail).toBe(1);
      expect((await computeOverrideStats({ to: '2000-01-01' }, { db: t.db })).overall.decisions).toBe(0);
    });

    it('credits a four-eyes decision to its proposer and counts proposals and their fate', async () => {
      const event = (action: AuditAction, email: string, detail?: Record<string, unknown>) =>
        recordAuditEvent(
          { action, actor: { id: email, email, role: 'reviewer' }, machine: { livenessResult: false }, after: { conclusion: true, facialCheck: true }, detail },
          t.db,
        );
      const pair = { proposerEmail: 'maker@x.test', approverEmail: 'checker@x.test' };
      await event('override.proposed', 'maker@x.test');
      await event('override.approved', 'checker@x.test', pair);
      await event('override.applied', 'checker@x.test', pair);
      await event('override.proposed', 'maker@x.test');
      await event('override.rejected', 'checker@x.test', pair);
      await event('override.proposed', 'maker@x.test');
      await event('override.proposal_stale', 'system');

      const stats = await computeOverrideStats({}, { db: t.db });
      expect(stats.fourEyes).toEqual({ proposed: 3, approved: 1, rejected: 1, stale: 1 });
      expect(stats.overall).toMatchObject({ decisions: 1, failToPass: 1 });
      expect(stats.byReviewer.map((r) => r.key)).toEqual(['maker@x.test']);
    });
  });
}

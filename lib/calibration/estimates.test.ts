import { expect, it } from 'vitest';
import type { AuditAction } from '@/lib/audit/actions';
import { computeOverrideStats } from '@/lib/audit/stats';
import { recordAuditEvent } from '@/lib/audit/trail';
import { describeEachDialect } from '@/testing/db';
import { computeCalibrationEstimates } from './estimates';

const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };

await describeEachDialect('calibration estimates', (database) => {
  it('estimates false accepts from QA verdicts and false rejects from overrides of automated fails', async () => {
    const { db } = database();
    const event = (action: AuditAction, fields: Record<string, unknown>) =>
      recordAuditEvent({ action, actor: rita, customerId: 1, documentId: 2, ...fields }, db);
    for (let i = 0; i < 40; i++) await event('qa.verdict', { detail: { verdict: i < 2 ? 'disagree' : 'agree' } });
    // A Disagree whose override was not applied is withdrawn: it counts for nothing.
    const withdrawn = await event('qa.verdict', { detail: { verdict: 'disagree' } });
    await event('qa.verdict_withdrawn', { correlationId: withdrawn.id, detail: { verdict: 'disagree' } });
    await event('override.applied', { machine: { livenessResult: false }, after: { conclusion: true } });
    await event('override.applied', { machine: { livenessResult: false }, after: { conclusion: false } });
    await event('override.applied', { machine: { livenessResult: true }, after: { conclusion: false } });
    const today = new Date().toISOString().slice(0, 10);
    await recordAuditEvent(
      { action: 'qa.drawn', actor: { id: null, email: 'system:qa-draw', role: null }, detail: { day: today, documents: [{ customerId: 1, documentId: 2 }] } },
      db,
    );

    const stats = await computeOverrideStats({}, { db });
    const { overall, byMonth } = await computeCalibrationEstimates({}, stats, { db });
    expect(overall.sampled).toBe(1);
    expect(overall.falseAccept).toMatchObject({ k: 2, n: 40, rate: 0.05, tooFew: false });
    expect(overall.falseAccept.low).toBeCloseTo(0.0138, 4);
    expect(overall.falseReject).toMatchObject({ k: 1, n: 2, tooFew: true });
    expect(byMonth.map((m) => m.key)).toEqual([today.slice(0, 7)]);

    const before = await computeCalibrationEstimates({ to: '2000-01-01' }, await computeOverrideStats({ to: '2000-01-01' }, { db }), { db });
    expect(before.overall).toMatchObject({ sampled: 0, falseAccept: { n: 0, rate: null } });
  });
});

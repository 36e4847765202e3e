import { expect, it } from 'vitest';
import { computeOverrideStats } from '@/lib/audit/stats';
import { recordAuditEvent } from '@/lib/audit/trail';
import { verifyAuditChain } from '@/lib/audit/verify';
import { describeEachDialect } from '@/testing/db';
import { seedDemoHistory } from './demo-history';
import { computeCalibrationEstimates } from './estimates';

await describeEachDialect('the demo history', (database) => {
  it('fills the statistics once, every event marked, with the chain intact', async () => {
    const { db } = database();
    const now = new Date('2026-06-30T12:00:00.000Z');
    const count = await seedDemoHistory(db, { pass: 90, fail: 50 }, now);
    expect(count).toBeGreaterThan(300);
    expect(await seedDemoHistory(db, { pass: 90, fail: 50 }, now)).toBe(0);

    const rows = await db.selectFrom('audit_events').select(['detail_json', 'occurred_at']).execute();
    expect(rows.every((r) => JSON.parse(r.detail_json!).demoSeed === true)).toBe(true);
    expect(rows.every((r) => r.occurred_at >= '2026-05-01' && r.occurred_at < '2026-06-30T12')).toBe(true);
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'u', email: 'u@x.test', role: 'reviewer' } }, db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: rows.length + 1 });

    const stats = await computeOverrideStats({}, { db });
    expect(stats.overall.decisions).toBeGreaterThanOrEqual(300);
    expect(stats.fourEyes.approved).toBeGreaterThan(1);
    const { overall } = await computeCalibrationEstimates({}, stats, { db });
    expect(overall.falseAccept.n).toBeGreaterThanOrEqual(30);
    expect(overall.sampled).toBeGreaterThanOrEqual(overall.falseAccept.n);
  });

  it('leaves a trail that already has events alone', async () => {
    const { db } = database();
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'u', email: 'u@x.test', role: 'reviewer' } }, db);
    expect(await seedDemoHistory(db, { pass: 90, fail: 50 })).toBe(0);
  });
});

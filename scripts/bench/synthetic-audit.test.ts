import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/query';
import { computeOverrideStats } from '@/lib/audit/stats';
import { recordAuditEvent } from '@/lib/audit/trail';
import { verifyAuditChain } from '@/lib/audit/verify';
import { describeEachDialect } from '@/testing/db';
import { insertSyntheticAuditEvents } from './synthetic-audit';

await describeEachDialect('synthetic audit events', (database) => {
  it('bulk-inserts synthetic events that verify and page like real ones', async () => {
    const { db } = database();
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'x', email: 'x@x.test', role: 'admin' } }, db);
    expect(await insertSyntheticAuditEvents(db, 1234, { rowsPerTransaction: 500, rowsPerInsert: 200 })).toBe(1234);
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'x', email: 'x@x.test', role: 'admin' } }, db);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1236 });
    const page = await listAuditEvents({ actor: 'reviewer3@synthetic.test' }, {}, { db });
    expect(page.events.length).toBeGreaterThan(0);
    expect((await computeOverrideStats({}, { db })).overall.decisions).toBeGreaterThan(100);
  });
});

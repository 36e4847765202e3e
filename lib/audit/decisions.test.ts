import { expect, it } from 'vitest';
import { describeEachDialect } from '@/testing/db';
import { overrideEvent, reviewer } from '@/testing/audit-event';
import { documentKeyId } from '@/lib/ids';
import { decisionInEffect, latestAppliedDecisions, latestAppliedIn } from './decisions';
import { listDocumentHistory, recordAuditEvent } from './trail';

const second = { id: 'u-2', email: 'reviewer2@demo.test', role: 'reviewer' };

await describeEachDialect('the decision in effect', (database) => {
  it('is the latest applied decision while Artemis holds what it set, and none once something changed it', async () => {
    const { db } = database();
    await recordAuditEvent(overrideEvent({ action: 'override.applied' }), db);
    await recordAuditEvent(overrideEvent({ action: 'override.applied', actor: second, after: { conclusion: false, facialCheck: true } }), db);
    await recordAuditEvent(overrideEvent({ action: 'override.not_applied', after: { conclusion: true, facialCheck: true } }), db);
    await recordAuditEvent(overrideEvent({ action: 'override.applied', documentId: 203 }), db);

    const decisions = await latestAppliedDecisions(db, [101]);
    expect(decisions.size).toBe(2);
    const latest = decisions.get(documentKeyId(101, 202));
    expect(latest).toMatchObject({ decidedBy: second.email, after: { conclusion: false, facialCheck: true } });
    expect(latestAppliedIn(await listDocumentHistory(101, 202, db))).toEqual(latest);

    expect(decisionInEffect(latest, { conclusion: false, facialCheck: true })).toEqual(latest);
    expect(decisionInEffect(latest, { conclusion: true, facialCheck: true })).toBeNull();
    expect(decisionInEffect(latest, {})).toBeNull();
    expect(decisionInEffect(decisions.get(documentKeyId(101, 203)), { conclusion: true, facialCheck: true })?.decidedBy).toBe(reviewer.email);
    expect(decisionInEffect(undefined, { conclusion: true, facialCheck: true })).toBeNull();
    expect(await latestAppliedDecisions(db, [])).toEqual(new Map());
  });
});

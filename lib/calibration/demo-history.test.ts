import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeOverrideStats } from '@/lib/audit/stats';
import { listDocumentHistory, recordAuditEvent } from '@/lib/audit/trail';
import { verifyAuditChain } from '@/lib/audit/verify';
import { runFullSync } from '@/lib/document-index/sync';
import { historyEntries } from '@/lib/review/history-entries';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import * as caseload from '@/sandbox/past-caseload';
import { createDemoSeed } from '@/sandbox/seed';
import { describeEachDialect } from '@/testing/db';
import { sandboxArtemisClient } from '@/testing/sandbox';
import { demoHistoryEnd, seedDemoHistory } from './demo-history';
import { computeCalibrationEstimates } from './estimates';
import { drawRank } from './qa-draw';
import { computeWhatIf } from './what-if';

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const NOW = new Date('2026-06-30T12:34:56.000Z');
const UNTIL = new Date('2026-06-30T00:00:00.000Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pastCaseloadUntil: UNTIL });
});
afterAll(() => sandbox.close());

const json = (text: string | null) => JSON.parse(text ?? 'null') as Record<string, unknown> | null;

await describeEachDialect('the demo history', (database) => {
  it('is the trail of the caseload the sandbox holds: marked, in the past, chained, seeded once', async () => {
    const { db } = database();
    expect(await demoHistoryEnd(db, caseload, NOW)).toEqual(UNTIL);
    const count = await seedDemoHistory(db, caseload, UNTIL, THRESHOLDS);
    expect(count).toBeGreaterThan(600);
    expect(await seedDemoHistory(db, caseload, UNTIL, THRESHOLDS)).toBe(0);
    expect(await demoHistoryEnd(db, caseload, new Date('2026-08-01T00:00:00.000Z'))).toEqual(UNTIL);

    const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => json(r.detail_json)?.demoSeed === true)).toBe(true);
    expect(rows[0]!.occurred_at >= '2026-05-01').toBe(true);
    expect(rows.at(-1)!.occurred_at < '2026-06-30T00:00:00').toBe(true);
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'u', email: 'u@x.test', role: 'reviewer' } }, db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: count + 1 });

    // Every decision the trail says Artemis applied is what the sandbox holds, on the machine values recorded.
    const held = new Map(createDemoSeed('', UNTIL).documents.map((d) => [d.id, d]));
    const applied = rows.filter((r) => r.action === 'override.applied');
    expect(applied.length).toBeGreaterThanOrEqual(200);
    for (const r of applied) {
      const liveness = held.get(Number(r.document_id))?.liveness as Record<string, unknown>;
      expect(liveness.conclusion).toBe(json(r.after_json)?.conclusion);
      expect(liveness.livenessResult).toBe(json(r.machine_json)?.livenessResult);
      expect(liveness.liivenessConfidence).toBe(json(r.machine_json)?.confidence);
    }
    // A recorded draw's seed picks the recorded document among that day's automated passes, as a live draw would.
    const draws = rows.filter((r) => r.action === 'qa.drawn');
    expect(draws.length).toBeGreaterThan(50);
    for (const r of draws) {
      const detail = json(r.detail_json)!;
      const day = detail.day as string;
      const [drawn] = detail.documents as { customerId: number; documentId: number }[];
      // That day's automated passes as Artemis holds them now, and the one drawn (a Disagree has updated it since).
      const population = [...held.values()]
        .filter((d) => d.id >= 6001 && (d.liveness as Record<string, unknown>).conclusion === true && String(d.updatedAt).startsWith(day))
        .filter((d) => Number((d.liveness as Record<string, unknown>).liivenessConfidence) >= THRESHOLDS.pass && d.id !== drawn!.documentId)
        .map((d) => ({ customerId: d.customerId, documentId: d.id }))
        .concat(drawn!);
      expect(population).toHaveLength(detail.population as number);
      const [first] = population.sort((a, b) => (drawRank(detail.seed as string, a) < drawRank(detail.seed as string, b) ? -1 : 1));
      expect(detail.documents).toEqual([first]);
    }

    const stats = await computeOverrideStats({}, { db });
    expect(stats.overall.decisions).toBe(applied.length);
    expect(stats.fourEyes.approved).toBeGreaterThanOrEqual(2);
    const { overall } = await computeCalibrationEstimates({}, stats, { db });
    expect(overall.falseAccept.n).toBeGreaterThanOrEqual(30);
    expect(overall.falseAccept.k).toBeGreaterThanOrEqual(1);
    expect(overall.sampled).toBe(draws.length);
  });

  it('gives the queue, the what-if and the history panels the same past, and leaves the demo cases to review', async () => {
    const { db } = database();
    const artemis = sandboxArtemisClient(sandbox);
    const toReview = async () =>
      (
        await db
          .selectFrom('document_index')
          .select(['document_id'])
          .where('needs_review', '=', 1)
          .where('has_human_decision', '=', 0)
          .orderBy('document_id')
          .execute()
      ).map((r) => Number(r.document_id));

    await runFullSync({ db, artemis, thresholds: THRESHOLDS });
    const before = await toReview();
    await seedDemoHistory(db, caseload, UNTIL, THRESHOLDS);
    await runFullSync({ db, artemis, thresholds: THRESHOLDS });
    // Past documents are decided; what is left to review is the demo's own cases.
    expect(await toReview()).toEqual(before.filter((id) => id < 6001));
    expect(before.some((id) => id >= 6001)).toBe(true);

    const decided = await db.selectFrom('document_index').select(['document_id']).where('has_human_decision', '=', 1).execute();
    const applied = await db.selectFrom('audit_events').select('document_id').distinct().where('action', '=', 'override.applied').execute();
    expect(decided.map((r) => Number(r.document_id)).sort()).toEqual(applied.map((r) => Number(r.document_id)).sort());

    const whatIf = await computeWhatIf(db, [
      { pass: 90, fail: 50 },
      { pass: 60, fail: 40 },
    ]);
    expect(whatIf.judged.pass).toBeGreaterThan(50);
    expect(whatIf.judged.fail).toBeGreaterThan(50);
    expect(whatIf.counts[0]!.humanFailedWouldPass).toBeGreaterThanOrEqual(1);
    expect(whatIf.counts[1]!.humanFailedWouldPass).toBeGreaterThan(whatIf.counts[0]!.humanFailedWouldPass);

    const fourEyes = await db
      .selectFrom('audit_events')
      .select(['customer_id', 'document_id'])
      .where('action', '=', 'override.approved')
      .executeTakeFirstOrThrow();
    const history = historyEntries(await listDocumentHistory(Number(fourEyes.customer_id), Number(fourEyes.document_id), db));
    expect(history.map((e) => e.action)).toEqual(['override.applied', 'override.approved', 'override.proposed']);
    expect(history[0]!.fourEyes).not.toBeNull();
  });

  it('is not seeded into a trail that began without it, and then the sandbox holds no past caseload', async () => {
    const { db } = database();
    await recordAuditEvent({ action: 'auth.sign_in', actor: { id: 'u', email: 'u@x.test', role: 'reviewer' } }, db);
    expect(await seedDemoHistory(db, caseload, UNTIL, THRESHOLDS)).toBe(0);
    expect(await demoHistoryEnd(db, caseload)).toBeNull();
    expect(createDemoSeed('', null).documents.every((d) => d.id < 6001)).toBe(true);
  });
});

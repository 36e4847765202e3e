import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import { createDemoSeed } from '@/sandbox/seed';
import { createArtemisClient, type ArtemisClient } from '@/lib/artemis/client';
import { recordAuditEvent } from '@/lib/audit/trail';
import { createTestDatabase, testDialects, type TestDatabase } from '@/lib/db/testing';
import { assessLiveness } from '@/lib/liveness/assessment';
import { runFullSync, syncCustomer } from './sync';

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
let sandbox: Sandbox;
let artemis: ArtemisClient;

const control = (path: string, method = 'POST', body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  artemis = createArtemisClient(
    { apiUrl: sandbox.url, tokenUrl: `${sandbox.url}/oauth/token`, clientId: 'sandbox-client', clientSecret: 'sandbox-secret', domainId: '4242', timeoutMs: 5000 },
    { sleep: async () => undefined },
  );
});
afterAll(() => sandbox.close());

/** What SPEC §7 selects from the seed, computed straight from the sandbox data with the shared rules. */
function expectedNeedingReview(): string[] {
  return createDemoSeed('')
    .documents.filter((d) => assessLiveness(d.liveness, THRESHOLDS).needsReview)
    .map((d) => `${d.customerId}:${d.id}`)
    .sort();
}

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`document index sync on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
      await control('/reset');
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    const indexed = async () =>
      (await t.db.selectFrom('document_index').select(['customer_id', 'document_id', 'needs_review']).execute()).map((r) => ({
        key: `${Number(r.customer_id)}:${Number(r.document_id)}`,
        needsReview: r.needs_review === 1,
      }));

    it('indexes every document with the SPEC §7 assessment and the customer fields', async () => {
      const progress: number[] = [];
      const report = await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7, onProgress: (p) => progress.push(p.page) });
      const seed = createDemoSeed('');
      expect(report.documents).toBe(seed.documents.length);
      expect(report.customers).toBe(seed.customers.length);
      expect(progress).toEqual([1, 2, 3, 4, 5]);
      const rows = await indexed();
      expect(rows).toHaveLength(seed.documents.length);
      expect(rows.filter((r) => r.needsReview).map((r) => r.key).sort()).toEqual(expectedNeedingReview());

      const row = await t.db.selectFrom('document_index').selectAll().where('document_id', '=', 5017).executeTakeFirstOrThrow();
      expect(row.customer_status).toBe('REJECTED');
      expect(row.customer_risk_rating).toBe('HIGH');
      expect(row.customer_reference_id).toBe('CUST-2025-0014');
      expect(row.flag_kinds).toBe(',liveness-failed,low-confidence,face-occluded,');
      expect(JSON.parse(row.flags_json)).toHaveLength(3);
      expect(Number(row.confidence)).toBe(22);
      expect(row.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await t.db.selectFrom('customer_index').select('customer_id').execute()).toHaveLength(seed.customers.length);
      expect((await t.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow()).status).toBe('done');
    });

    it('a fault in the middle stops the run at its page; the next run resumes there and completes', async () => {
      // Page 2 of size 7 fails on every attempt (the client's retries included).
      await control('/faults', 'POST', { status: 503, count: 20, pathContains: 'page=2&' });
      await expect(runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7 })).rejects.toThrow();
      const state = await t.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
      expect(state.status).toBe('failed');
      expect(state.next_page).toBe(2);
      expect(state.customers_done).toBe(14);
      const partial = (await indexed()).length;
      expect(partial).toBeGreaterThan(0);

      await control('/faults', 'DELETE');
      await control('/requests', 'DELETE');
      const report = await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7 });
      expect(report.resumedFromPage).toBe(2);
      const requested = ((await (await control('/requests', 'GET')).json()) as { path: string }[]).map((r) => r.path);
      expect(requested.some((p) => p.includes('page=0&'))).toBe(false);
      expect(requested.some((p) => p.includes('page=2&'))).toBe(true);
      expect((await indexed()).filter((r) => r.needsReview).map((r) => r.key).sort()).toEqual(expectedNeedingReview());
      expect(report.customers).toBe(30);
    });

    it('a human decision recorded by the console takes the document out of the queue; re-syncing keeps it out', async () => {
      await recordAuditEvent(
        { action: 'override.applied', actor: { id: 'u1', email: 'rita@example.test', role: 'reviewer' }, customerId: 1003, documentId: 5005 },
        t.db,
      );
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      const row = await t.db.selectFrom('document_index').selectAll().where('document_id', '=', 5005).executeTakeFirstOrThrow();
      expect(row.needs_review).toBe(1);
      expect(row.has_human_decision).toBe(1);
      expect(row.decided_by).toBe('rita@example.test');
      await syncCustomer(t.db, artemis, THRESHOLDS, 1003);
      expect((await t.db.selectFrom('document_index').select('has_human_decision').where('document_id', '=', 5005).executeTakeFirstOrThrow()).has_human_decision).toBe(1);
    });

    it('re-syncing one customer picks up a change behind the console’s back; an unknown customer leaves the index', async () => {
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      await control('/customers/1001/documents/5001/touch', 'POST', { mergeLiveness: { liivenessConfidence: 40 } });
      await syncCustomer(t.db, artemis, THRESHOLDS, 1001);
      const row = await t.db.selectFrom('document_index').selectAll().where('document_id', '=', 5001).executeTakeFirstOrThrow();
      expect(row.needs_review).toBe(1);
      expect(row.flag_kinds).toBe(',low-confidence,');

      await t.db
        .insertInto('document_index')
        .values({ customer_id: 999_999, document_id: 1, flags_json: '[]', flag_kinds: ',', needs_review: 0, has_human_decision: 0, synced_at: new Date().toISOString() })
        .execute();
      expect(await syncCustomer(t.db, artemis, THRESHOLDS, 999_999)).toEqual({ documents: 0, removed: true });
      expect(await t.db.selectFrom('document_index').select('document_id').where('customer_id', '=', 999_999).execute()).toEqual([]);
    });
  });
}

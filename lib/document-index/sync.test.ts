import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import { createDemoSeed } from '@/sandbox/seed';
import type { ArtemisClient } from '@/lib/artemis/client';
import { recordAuditEvent } from '@/lib/audit/trail';
import { assessLiveness } from '@/lib/liveness/assessment';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { sandboxArtemisClient } from '@/testing/sandbox';
import { readSyncStatus, runFullSync, syncCustomer } from './sync';

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
  artemis = sandboxArtemisClient(sandbox);
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
      expect(
        rows
          .filter((r) => r.needsReview)
          .map((r) => r.key)
          .sort(),
      ).toEqual(expectedNeedingReview());

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
      expect(
        (await indexed())
          .filter((r) => r.needsReview)
          .map((r) => r.key)
          .sort(),
      ).toEqual(expectedNeedingReview());
      expect(report.customers).toBe(30);
    });

    it('the last complete run stays known (for the metrics) while later runs fail', async () => {
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      const done = await readSyncStatus(t.db);
      expect(done?.lastSuccess).toEqual({ at: done!.finishedAt, ms: expect.any(Number) });
      await control('/faults', 'POST', { status: 503, count: 20, pathContains: 'page=0&' });
      await expect(runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, restart: true })).rejects.toThrow();
      await control('/faults', 'DELETE');
      const failed = await readSyncStatus(t.db);
      expect(failed).toMatchObject({ status: 'failed', finishedAt: null, lastSuccess: done!.lastSuccess });
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
      expect(
        (await t.db.selectFrom('document_index').select('has_human_decision').where('document_id', '=', 5005).executeTakeFirstOrThrow()).has_human_decision,
      ).toBe(1);
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
        .values({
          customer_id: 999_999,
          document_id: 1,
          flags_json: '[]',
          flag_kinds: ',',
          needs_review: 0,
          has_human_decision: 0,
          synced_at: new Date().toISOString(),
        })
        .execute();
      expect(await syncCustomer(t.db, artemis, THRESHOLDS, 999_999)).toEqual({ documents: 0, removed: true, unreadable: 0 });
      expect(await t.db.selectFrom('document_index').select('document_id').where('customer_id', '=', 999_999).execute()).toEqual([]);
    });

    const staleRow = (customerId: number, documentId: number) =>
      t.db
        .insertInto('document_index')
        .values({
          customer_id: customerId,
          document_id: documentId,
          flags_json: '[]',
          flag_kinds: ',',
          needs_review: 1,
          has_human_decision: 0,
          synced_at: '2000-01-01T00:00:00.000Z',
        })
        .execute();
    const rowsOf = async (customerId: number) =>
      (await t.db.selectFrom('document_index').select('document_id').where('customer_id', '=', customerId).execute()).map((r) => Number(r.document_id)).sort();
    /** Answers the next matching request with this JSON text, written by hand so numbers past 2^53 stay as they are. */
    const answerOnceWith = (pathContains: string, text: string) =>
      control('/faults', 'POST', { status: 200, count: 1, pathContains, body: text, headers: { 'content-type': 'application/json' } });

    it('goes on past unreadable records: indexes the rest, counts them, and drops no row they may stand for', async () => {
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      const seed = createDemoSeed('');
      const before1001 = await rowsOf(1001);
      const before1002 = await rowsOf(1002);
      expect(before1001.length).toBeGreaterThan(0);
      expect(before1002.length).toBeGreaterThan(0);
      const customers = (await artemis.listCustomers({ page: 0, size: 100 })).customers;

      // Customer 1001: one document with a malformed date (its row stays), and a row Artemis no longer lists (it goes).
      const [unreadableDoc, ...otherDocs] = seed.documents.filter((d) => d.customerId === 1001).map((d) => d.id);
      await control(`/customers/1001/documents/${unreadableDoc}/patch`, 'POST', { updatedAt: 'not a date' });
      await staleRow(1001, 1);
      // Customer 1002 itself unreadable: its rows stay as they were, documents included.
      await control('/customers/1002/patch', 'POST', { createdAt: 'not a date' });
      // Customer 1003's list has an entry without an id: it could be any of its rows, so all of them stay.
      const docs1003 = (await artemis.listDocuments(1003)).documents;
      await answerOnceWith('/api/customer/1003/document', `[${docs1003.map((d) => JSON.stringify(d)).join(',')},{"customerId":1003,"type":"PASSPORT"}]`);
      await staleRow(1003, 2);
      // A customer with an id past 2^53 on the page: it cannot stand for any row, so the sweep still runs.
      const listed = customers.map((c) => JSON.stringify(c.id === 1002 ? { ...c, createdAt: 'not a date' } : c));
      await answerOnceWith('page=0&', `{"content":[${listed.join(',')},{"id":9007199254740993,"referenceId":"BIG"}],"number":0,"size":100,"last":true}`);
      await staleRow(999_998, 1);

      const report = await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      expect(report).toMatchObject({ unreadableCustomers: 2, unreadableDocuments: 2, sweepSkipped: false, removed: 1 });
      expect(report.customers).toBe(seed.customers.length - 1);
      expect(report.documents).toBe(seed.documents.length - 1 - before1002.length);
      expect((await t.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow()).status).toBe('done');

      expect(await rowsOf(1001)).toEqual(before1001);
      expect(await rowsOf(1001)).toEqual([unreadableDoc, ...otherDocs].sort());
      expect(await rowsOf(1002)).toEqual(before1002);
      expect(await rowsOf(1003)).toEqual([2, ...docs1003.map((d) => d.id)].sort());
      expect(await rowsOf(999_998)).toEqual([]);
      expect(await t.db.selectFrom('customer_index').select('customer_id').where('customer_id', '=', 1002).execute()).toHaveLength(1);

      // Re-reading one customer keeps the unreadable document's row too.
      expect(await syncCustomer(t.db, artemis, THRESHOLDS, 1001)).toEqual({ documents: otherDocs.length, removed: false, unreadable: 1 });
      expect(await rowsOf(1001)).toEqual(before1001);
    });

    it('keeps every stale row when a customer without a usable id could not be read', async () => {
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      await staleRow(999_998, 1);
      const customers = (await artemis.listCustomers({ page: 0, size: 100 })).customers;
      await answerOnceWith('page=0&', `{"content":[${customers.map((c) => JSON.stringify(c)).join(',')},{"id":"C-1"}],"last":true}`);
      const report = await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      expect(report).toMatchObject({ unreadableCustomers: 1, unreadableDocuments: 0, sweepSkipped: true, removed: 0 });
      expect(await rowsOf(999_998)).toEqual([1]);
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
      expect(await rowsOf(999_998)).toEqual([]);
    });

    it('remembers an unidentifiable customer across an interruption: the resumed run drops no stale row either', async () => {
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7 });
      await staleRow(999_998, 1);
      const first = (await artemis.listCustomers({ page: 0, size: 7 })).customers;
      await answerOnceWith('page=0&', `{"content":[${first.map((c) => JSON.stringify(c)).join(',')},{"id":"C-1"}],"last":false}`);
      await control('/faults', 'POST', { status: 503, count: 20, pathContains: 'page=2&' });
      await expect(runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7 })).rejects.toThrow();
      await control('/faults', 'DELETE');
      const resumed = await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS, pageSize: 7 });
      expect(resumed).toMatchObject({ resumedFromPage: 2, sweepSkipped: true, removed: 0 });
      expect(await rowsOf(999_998)).toEqual([1]);
    });
  });
}

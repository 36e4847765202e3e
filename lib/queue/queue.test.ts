import { CompiledQuery } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import { createDemoSeed, SEED_CASES } from '@/sandbox/seed';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import type { CurrentUser } from '@/lib/auth/session';
import { claimDocument } from '@/lib/claims/claims';
import { recordDecisionInIndex } from '@/lib/document-index/store';
import { runFullSync } from '@/lib/document-index/sync';
import { assessLiveness } from '@/lib/liveness/assessment';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { sandboxArtemisClient } from '@/testing/sandbox';
import { searchIndexedCustomers } from './customer-search';
import { DEFAULT_FILTERS, parseQueueFilters, queueHref, readQueueFilters, type QueueFilters } from './filters';
import { classifyFlags, FLAG_KINDS } from '@/lib/liveness/flags';
import { nextDocumentAfter } from './next';
import { conditions, queryQueue, queueTableRows } from './query';

const VIEWER = { userId: 'u-rita', now: new Date(), slaHours: 24 };
const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const seed = createDemoSeed('');
const byDoc = new Map(seed.documents.map((d) => [d.id, d]));
const kindsOf = (documentId: number) => classifyFlags(assessLiveness(byDoc.get(documentId)!.liveness, THRESHOLDS)).map((f) => f.kind);

describe('queue URL parameters', () => {
  it('parses, defaults anything unreadable, and writes back only what differs from the defaults', () => {
    const f = parseQueueFilters({ flag: 'eyes-closed', cmin: '40', cmax: '500', status: 'PENDING', risk: 'high', reviewed: 'all', sort: 'newest', page: '2' });
    expect(f).toEqual({ ...DEFAULT_FILTERS, flag: 'eyes-closed', cmin: 40, status: 'PENDING', reviewed: 'all', sort: 'newest', page: 2 });
    expect(queueHref(f)).toBe('/?flag=eyes-closed&cmin=40&status=PENDING&reviewed=all&sort=newest&page=2');
    const unreadable = readQueueFilters({ flag: 'bogus', page: '0', tab: 'x', sort: 'newest' });
    expect(unreadable.invalid).toEqual(['tab', 'flag', 'page']);
    expect(queueHref(unreadable.filters)).toBe('/?sort=newest');
  });
});

const reviewer: CurrentUser = { id: 'u-rita', email: 'rita@example.test', name: 'Rita Reviewer', role: 'reviewer' };
const admin: CurrentUser = { id: 'u-ada', email: 'ada@example.test', name: null, role: 'admin' };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`queue over the index on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
      const artemis = sandboxArtemisClient(sandbox);
      await runFullSync({ db: t.db, artemis, thresholds: THRESHOLDS });
    });
    afterEach(() => t?.cleanup());

    const f = (over: Partial<QueueFilters> = {}): QueueFilters => ({ ...DEFAULT_FILTERS, ...over });
    const expected = seed.documents.filter((d) => assessLiveness(d.liveness, THRESHOLDS).needsReview);

    it('lists exactly the documents the rules select, oldest first, with counts per filter', async () => {
      const page = await queryQueue(t.db, f({ sort: 'oldest' }), VIEWER);
      expect(page.total).toBe(expected.length);
      const keys = page.rows.map((r) => r.documentId);
      expect([...keys].sort()).toEqual(expected.map((d) => d.id).sort());
      const times = page.rows.map((r) => r.updatedAt!);
      expect(times).toEqual([...times].sort());
      expect(page.counts.flags['eyes-closed']).toBe(expected.filter((d) => kindsOf(d.id).includes('eyes-closed')).length);
      expect(page.counts.queue).toBe(expected.length);
      expect(page.counts.decided).toBe(0);
      expect(page.counts.statuses.reduce((n, s) => n + s.count, 0)).toBe(expected.length);
    });

    it('filters by flag, confidence range, status and risk; sorts by confidence', async () => {
      expect((await queryQueue(t.db, f({ flag: 'sunglasses' }), VIEWER)).rows.map((r) => r.documentId)).toEqual([SEED_CASES.sunglasses.documentId]);
      const band = await queryQueue(t.db, f({ cmin: 60, cmax: 75 }), VIEWER);
      expect(band.rows.every((r) => r.confidence! >= 60 && r.confidence! <= 75)).toBe(true);
      expect(band.total).toBeGreaterThan(0);
      const high = await queryQueue(t.db, f({ risk: 'HIGH', status: 'PENDING' }), VIEWER);
      expect(high.rows.every((r) => r.customerRiskRating === 'HIGH' && r.customerStatus === 'PENDING')).toBe(true);
      const byConfidence = (await queryQueue(t.db, f({ sort: 'confidence' }), VIEWER)).rows.map((r) => r.confidence!);
      expect(byConfidence).toEqual([...byConfidence].sort((a, b) => a - b));
    });

    it('a decision moves the document to Recently decided; "reviewed" shows it again', async () => {
      const { customerId, documentId } = SEED_CASES.eyesClosed;
      const doc = byDoc.get(documentId)! as unknown as ArtemisDocument;
      await claimDocument(t.db, reviewer, customerId, documentId);
      await recordDecisionInIndex(customerId, documentId, doc, { decidedAt: new Date().toISOString(), decidedBy: reviewer.email }, THRESHOLDS, t.db);
      const queue = await queryQueue(t.db, f(), VIEWER);
      expect(queue.rows.some((r) => r.documentId === documentId)).toBe(false);
      expect(queue.counts.reviewed).toEqual({ no: expected.length - 1, yes: 1 });
      const decided = await queryQueue(t.db, f({ tab: 'decided' }), VIEWER);
      expect(decided.rows.map((r) => [r.documentId, r.decidedBy])).toEqual([[documentId, reviewer.email]]);
      expect((await queryQueue(t.db, f({ reviewed: 'yes' }), VIEWER)).rows.map((r) => r.documentId)).toEqual([documentId]);
      // Deciding ends the claim.
      expect(await t.db.selectFrom('document_claims').selectAll().execute()).toEqual([]);
    });

    it('every count is the number of index rows its filters select, facets leaving their own filter out', async () => {
      for (const { customerId, documentId } of [SEED_CASES.eyesClosed, SEED_CASES.failed]) {
        const doc = byDoc.get(documentId)! as unknown as ArtemisDocument;
        await recordDecisionInIndex(customerId, documentId, doc, { decidedAt: new Date().toISOString(), decidedBy: reviewer.email }, THRESHOLDS, t.db);
      }
      const all = await t.db.selectFrom('document_index').selectAll().execute();
      type Except = 'flag' | 'status' | 'risk' | 'reviewed';
      const selects = (r: (typeof all)[number], g: QueueFilters, except?: Except) =>
        (g.tab === 'decided'
          ? r.has_human_decision === 1
          : r.needs_review === 1 && (except === 'reviewed' || g.reviewed === 'all' || r.has_human_decision === (g.reviewed === 'yes' ? 1 : 0))) &&
        (except === 'flag' || !g.flag || r.flag_kinds.includes(`,${g.flag},`)) &&
        (g.cmin === undefined || (r.confidence !== null && r.confidence >= g.cmin)) &&
        (g.cmax === undefined || (r.confidence !== null && r.confidence <= g.cmax)) &&
        (except === 'status' || !g.status || r.customer_status === g.status) &&
        (except === 'risk' || !g.risk || r.customer_risk_rating === g.risk);
      const count = (g: QueueFilters, except?: Except) => all.filter((r) => selects(r, g, except)).length;
      const grouped = (g: QueueFilters, column: 'customer_status' | 'customer_risk_rating', except: Except) => {
        const values = all.filter((r) => selects(r, g, except)).flatMap((r) => (r[column] === null ? [] : [r[column]!]));
        return [...new Set(values)].sort().map((value) => ({ value, count: values.filter((v) => v === value).length }));
      };
      const views = [
        f(),
        f({ flag: 'low-confidence' }),
        f({ status: 'PENDING', risk: 'HIGH' }),
        f({ cmin: 40, cmax: 95, flag: 'eyes-closed' }),
        f({ tab: 'decided' }),
        f({ tab: 'decided', flag: 'liveness-failed' }),
        f({ reviewed: 'all', status: 'CLEARED' }),
        f({ reviewed: 'yes' }),
      ];
      for (const g of views) {
        const page = await queryQueue(t.db, g, VIEWER);
        const label = JSON.stringify(g);
        expect(page.total, label).toBe(count(g));
        expect(page.counts.queue, label).toBe(count({ ...g, tab: 'queue' }));
        expect(page.counts.decided, label).toBe(count({ ...g, tab: 'decided' }));
        expect(page.counts.reviewed, label).toEqual({ no: count({ ...g, tab: 'queue', reviewed: 'no' }), yes: count({ ...g, tab: 'queue', reviewed: 'yes' }) });
        expect(page.counts.flags, label).toEqual(
          Object.fromEntries(FLAG_KINDS.map(({ kind }) => [kind, all.filter((r) => selects(r, g, 'flag') && r.flag_kinds.includes(`,${kind},`)).length])),
        );
        expect(page.counts.statuses, label).toEqual(grouped(g, 'customer_status', 'status'));
        expect(page.counts.risks, label).toEqual(grouped(g, 'customer_risk_rating', 'risk'));
      }
      // The views above are not all empty: the comparison means something.
      expect(views.filter((g) => count(g) > 0).length).toBeGreaterThan(5);
    });

    it('a claimed row shows its holder, and the table is told whose claim it is, not the holder id', async () => {
      const { customerId, documentId } = SEED_CASES.failed;
      const now = new Date();
      await claimDocument(t.db, reviewer, customerId, documentId, now);
      const page = await queryQueue(t.db, f({ flag: 'liveness-failed' }), { ...VIEWER, now });
      expect(page.rows.find((r) => r.documentId === documentId)?.claim?.userLabel).toBe('Rita Reviewer');
      // The table is told whose claim it is, not the holder's account id.
      const shown = (viewer: CurrentUser) => queueTableRows(page.rows, viewer.id).find((r) => r.documentId === documentId)?.claim;
      expect(shown(reviewer)).toEqual({ byViewer: true, userLabel: 'Rita Reviewer' });
      expect(shown(admin)).toEqual({ byViewer: false, userLabel: 'Rita Reviewer' });
      expect(JSON.stringify(queueTableRows(page.rows, admin.id))).not.toContain(reviewer.id);
    });

    it('nextDocumentAfter walks the view in order, skips others’ claims, wraps around, and ends with null', async () => {
      const order = (await queryQueue(t.db, f({ flag: 'low-confidence' }), VIEWER)).rows.map((r) => ({
        customerId: r.customerId,
        documentId: r.documentId,
      }));
      expect(order.length).toBeGreaterThan(3);
      const [a, b, c] = order as [(typeof order)[0], (typeof order)[0], (typeof order)[0]];
      const params = new URLSearchParams({ flag: 'low-confidence' });
      expect(await nextDocumentAfter(a.customerId, a.documentId, params, reviewer.id, { db: t.db })).toEqual(b);
      await claimDocument(t.db, admin, b.customerId, b.documentId);
      expect(await nextDocumentAfter(a.customerId, a.documentId, params, reviewer.id, { db: t.db })).toEqual(c);
      // The holder's own claim does not hide a document from them.
      expect(await nextDocumentAfter(a.customerId, a.documentId, { flag: 'low-confidence' }, admin.id, { db: t.db })).toEqual(b);
      const last = order[order.length - 1]!;
      expect(await nextDocumentAfter(last.customerId, last.documentId, params, reviewer.id, { db: t.db })).toEqual(a);
      expect(await nextDocumentAfter(undefined, undefined, params, reviewer.id, { db: t.db })).toEqual(a);
      // Parsed filters, as the /queue/next route passes them.
      expect(await nextDocumentAfter(a.customerId, a.documentId, f({ flag: 'low-confidence', page: 3 }), admin.id, { db: t.db })).toEqual(b);
      const sunglasses = SEED_CASES.sunglasses;
      expect(await nextDocumentAfter(sunglasses.customerId, sunglasses.documentId, { flag: 'sunglasses' }, reviewer.id, { db: t.db })).toBeNull();
    });

    it.runIf(kind === 'sqlite')('the queue query walks the (needs_review, has_human_decision, updated_at) index, not the table', async () => {
      const compiled = t.db
        .selectFrom('document_index')
        .select(['customer_id', 'document_id'])
        .where((eb) => eb.and(conditions(eb, f(), VIEWER)))
        .orderBy('updated_at')
        .orderBy('customer_id')
        .orderBy('document_id')
        .limit(25)
        .compile();
      const plan = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      const text = plan.rows.map((r) => r.detail).join('\n');
      expect(text).toMatch(/USING INDEX document_index_queue_idx/);
      expect(text).not.toMatch(/^SCAN document_index$/m);
    });

    it('customer search: id, reference id (any case), part of a name; % is literal', async () => {
      const s = (q: string) => searchIndexedCustomers(t.db, q).then((r) => r.customers.map((c) => c.id));
      expect(await s('1003')).toEqual([1003]);
      expect(await s('cust-2025-0004')).toEqual([1004]);
      expect(await s('kowalska')).toEqual([1007]);
      expect(await s('%')).toEqual([]);
      expect(await s('999999')).toEqual([]);
    });
  });
}

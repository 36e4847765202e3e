import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { csvCell, csvRow } from './csv';
import { auditCsvStream } from './export';
import { auditFiltersToQuery, parseAuditFilters } from './filters';
import { countAuditEvents, iterateAuditEvents, listAuditEvents } from './query';
import { recordAuditEvent, type AuditEventInput } from './trail';

describe('csv', () => {
  it('quotes per RFC 4180 and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const s of ['+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(s)).toBe(`'${s}`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('filters in the URL', () => {
  it('round-trips and drops unreadable values', () => {
    const { filters, cursor, invalid } = parseAuditFilters({
      actor: ' Rita@Example.TEST ',
      from: '2026-01-02',
      to: 'yesterday',
      customer: '12',
      document: '0',
      outcome: 'unknown',
      reason: 'FALSE_REJECT',
      before: '99',
    });
    expect(filters).toEqual({ actor: 'rita@example.test', from: '2026-01-02', customerId: 12, outcome: 'unknown', reasonCode: 'FALSE_REJECT' });
    expect(cursor).toEqual({ before: 99, after: undefined });
    expect(invalid).toEqual(['to', 'document']);
    expect(parseAuditFilters(new URLSearchParams(auditFiltersToQuery(filters, cursor))).filters).toEqual(filters);
  });
});

const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };
const ada = { id: 'u-a', email: 'ada@example.test', role: 'admin' };

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`audit queries on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    const add = (input: Partial<AuditEventInput>) =>
      recordAuditEvent({ action: 'override.attempted', actor: rita, customerId: 1, documentId: 2, reasonCode: 'FALSE_REJECT', ...input }, t.db);

    it('pages newest first by keyset, both ways', async () => {
      const events = [];
      for (let i = 0; i < 7; i++) events.push(await add({ detail: { i } }));
      const seqs = events.map((e) => e.seq).reverse();
      const p1 = await listAuditEvents({}, {}, { limit: 3, db: t.db });
      expect(p1.events.map((e) => e.seq)).toEqual(seqs.slice(0, 3));
      expect(p1.newer).toBeUndefined();
      const p2 = await listAuditEvents({}, p1.older!, { limit: 3, db: t.db });
      expect(p2.events.map((e) => e.seq)).toEqual(seqs.slice(3, 6));
      const p3 = await listAuditEvents({}, p2.older!, { limit: 3, db: t.db });
      expect(p3.events.map((e) => e.seq)).toEqual(seqs.slice(6));
      expect(p3.older).toBeUndefined();
      const back = await listAuditEvents({}, p3.newer!, { limit: 3, db: t.db });
      expect(back.events.map((e) => e.seq)).toEqual(seqs.slice(3, 6));
      const first = await listAuditEvents({}, back.newer!, { limit: 3, db: t.db });
      expect(first.events.map((e) => e.seq)).toEqual(seqs.slice(0, 3));
      expect(first.newer).toBeUndefined();
    });

    it('filters by actor, customer, document, action, reason, outcome and day', async () => {
      const attempt = await add({});
      await add({ action: 'override.applied', correlationId: attempt.id });
      const lost = await add({ actor: ada, customerId: 5, documentId: 6, reasonCode: 'OTHER' });
      await add({ action: 'override.failed', customerId: 5, documentId: 7 });
      const ids = async (f: Parameters<typeof listAuditEvents>[0]) => (await listAuditEvents(f, {}, { db: t.db })).events.map((e) => e.id);

      expect(await ids({ actor: 'ada@example.test' })).toEqual([lost.id]);
      expect(await ids({ customerId: 5, documentId: 6 })).toEqual([lost.id]);
      expect(await ids({ reasonCode: 'OTHER' })).toEqual([lost.id]);
      expect(await ids({ outcome: 'unknown' })).toEqual([lost.id]);
      expect((await ids({ outcome: 'applied' })).length).toBe(1);
      expect((await ids({ outcome: 'not_applied' })).length).toBe(1);
      expect((await ids({ action: 'override.attempted' })).length).toBe(2);
      const today = new Date().toISOString().slice(0, 10);
      expect((await ids({ from: today, to: today })).length).toBe(4);
      expect(await ids({ to: '2000-01-01' })).toEqual([]);

      const page = await listAuditEvents({ action: 'override.attempted' }, {}, { db: t.db });
      expect(page.events.map((e) => e.outcomeAction)).toEqual([null, 'override.applied']);
    });

    it('an export up to a head reads outcomes as they stood then: one settled later is still unknown in it', async () => {
      const attempt = await add({});
      const head = attempt.seq;
      await add({ action: 'override.applied', correlationId: attempt.id });
      await add({});
      const exported = async (upToSeq?: number) => {
        const seqs: number[] = [];
        for await (const rows of iterateAuditEvents({ outcome: 'unknown' }, { db: t.db, upToSeq })) seqs.push(...rows.map((r) => Number(r.seq)));
        return { seqs, count: await countAuditEvents({ outcome: 'unknown' }, { db: t.db, upToSeq }) };
      };
      expect(await exported(head)).toEqual({ seqs: [attempt.seq], count: 1 });
      expect(await exported()).toEqual({ seqs: [head + 2], count: 1 });
    });

    it('a day filter is exact at midnight on both sides, for pages and the export', async () => {
      const at = async (iso: string) => {
        vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
        try {
          return (await add({})).id;
        } finally {
          vi.useRealTimers();
        }
      };
      const before = await at('2031-03-01T23:59:59.999Z');
      const midnight = await at('2031-03-02T00:00:00.000Z');
      const noon = await at('2031-03-02T12:00:00.000Z');
      const next = await at('2031-03-03T00:00:00.000Z');
      const later = await at('2031-03-05T08:00:00.000Z');
      const ids = async (f: Parameters<typeof listAuditEvents>[0]) => (await listAuditEvents(f, {}, { db: t.db })).events.map((e) => e.id);
      const exported = async (f: Parameters<typeof listAuditEvents>[0]) => {
        const rows = [];
        for await (const batch of iterateAuditEvents(f, { db: t.db, batchSize: 1 })) rows.push(...batch.map((r) => r.id));
        return rows;
      };

      expect(await ids({ from: '2031-03-02', to: '2031-03-02' })).toEqual([noon, midnight]);
      expect(await exported({ from: '2031-03-02', to: '2031-03-02' })).toEqual([midnight, noon]);
      expect(await ids({ from: '2031-03-02' })).toEqual([later, next, noon, midnight]);
      expect(await ids({ to: '2031-03-02' })).toEqual([noon, midnight, before]);
      expect(await ids({ from: '2031-03-02', to: '2031-03-03', reasonCode: 'FALSE_REJECT', actor: rita.email })).toEqual([next, noon, midnight]);
      // Days with no event, before, between and after them; and a range that ends before it starts.
      expect(await ids({ from: '2031-03-04', to: '2031-03-04' })).toEqual([]);
      expect(await exported({ from: '2031-03-04', to: '2031-03-04' })).toEqual([]);
      expect(await ids({ to: '2031-02-28' })).toEqual([]);
      expect(await ids({ from: '2031-03-06' })).toEqual([]);
      expect(await ids({ from: '2031-03-03', to: '2031-03-02' })).toEqual([]);
    });

    it('streams a CSV in batches with a header row', async () => {
      for (let i = 0; i < 5; i++) await add({ reasonText: i === 2 ? 'Has, "quotes"\nand lines' : `=cmd|${i}` });
      const text = await new Response(auditCsvStream({}, { batchSize: 2, db: t.db })).text();
      const lines = text.split('\r\n');
      expect(lines[0]).toMatch(/^seq,id,occurred_at_utc,action,actor_email/);
      expect(text).toContain('"Has, ""quotes""\nand lines"');
      expect(text).toContain(",'=cmd|0,");
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.match(/override\.attempted/g)).toHaveLength(5);
    });
  });
}

import { expect, it } from 'vitest';
import { createDemoSeed, SEED_CASES } from '@/sandbox/seed';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { indexCustomers, recordDecisionInIndex } from '@/lib/document-index/store';
import { DEFAULT_FILTERS } from '@/lib/queue/filters';
import { queryQueue } from '@/lib/queue/query';
import { describeEachDialect } from '@/testing/db';
import { dueFigures } from './due';

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const SLA_HOURS = 24;
const HOUR = 3_600_000;
const seed = createDemoSeed('');
const documentOf = (id: number) => seed.documents.find((d) => d.id === id)! as unknown as ArtemisDocument;
const customerOf = (id: number) => seed.customers.find((c) => c.id === id)! as unknown as ArtemisCustomer;
const flagged = documentOf(SEED_CASES.lowConfidence.documentId);
const cleanLiveness = documentOf(SEED_CASES.cleanPass.documentId).liveness;
const t0 = Date.parse('2026-11-02T08:00:00.000Z');
const at = (hours: number) => new Date(t0 + hours * HOUR).toISOString();

await describeEachDialect('due dates (queued_at across syncs)', (database) => {
  const { customerId, documentId } = SEED_CASES.lowConfidence;
  const sync = (document: ArtemisDocument, hours: number) =>
    indexCustomers(database().db, [{ customer: customerOf(customerId), documents: [document] }], THRESHOLDS, at(hours));
  const queuedAt = async () =>
    (
      await database()
        .db.selectFrom('document_index')
        .select('queued_at')
        .where('customer_id', '=', customerId)
        .where('document_id', '=', documentId)
        .executeTakeFirstOrThrow()
    ).queued_at;
  const queue = (hours: number) => queryQueue(database().db, DEFAULT_FILTERS, { userId: 'u-rita', slaHours: SLA_HOURS, now: new Date(t0 + hours * HOUR) });

  it('a document keeps the time it entered the queue across syncs; one that leaves and comes back is due anew', async () => {
    await sync(flagged, 0);
    await sync(flagged, 3);
    expect(await queuedAt()).toBe(at(0));
    const [row] = (await queue(3)).rows.filter((r) => r.documentId === documentId);
    expect(row?.dueAt).toBe(at(SLA_HOURS));

    expect((await queue(23)).counts.overdue).toBe(0);
    const late = await queue(25);
    expect(late.counts.overdue).toBe(1);
    expect(late.counts.queue).toBe(1);

    // Artemis now passes it: out of the queue, and nothing is overdue.
    await sync({ ...flagged, liveness: cleanLiveness }, 26);
    expect((await queue(27)).counts).toMatchObject({ queue: 0, overdue: 0 });

    // Flagged again: a new stay in the queue, due a full SLA from now.
    await sync(flagged, 30);
    expect(await queuedAt()).toBe(at(30));
    expect((await queue(31)).counts.overdue).toBe(0);
  });

  it('the figures: decisions per month within their due time, and the median and p90 time to decision', async () => {
    await sync(flagged, 0);
    await recordDecisionInIndex(customerId, documentId, flagged, { decidedAt: at(5), decidedBy: 'rita@example.test' }, THRESHOLDS, database().db);
    // The decision leaves the time it entered the queue in place.
    expect(await queuedAt()).toBe(at(0));
    const other = documentOf(SEED_CASES.veryLowConfidence.documentId);
    await indexCustomers(database().db, [{ customer: customerOf(other.customerId), documents: [other] }], THRESHOLDS, at(0));
    await recordDecisionInIndex(other.customerId, other.id, other, { decidedAt: at(30), decidedBy: 'ada@example.test' }, THRESHOLDS, database().db);

    expect(await dueFigures(SLA_HOURS, {}, { db: database().db })).toEqual([
      { month: '2026-11', decided: 2, withinDue: 1, medianMs: 5 * HOUR, p90Ms: 30 * HOUR },
    ]);
    expect(await dueFigures(SLA_HOURS, { from: '2026-12-01' }, { db: database().db })).toEqual([]);
  });
});

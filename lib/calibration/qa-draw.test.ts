import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import { describeEachDialect } from '@/testing/db';
import { drawQaSample } from './qa-draw';

type Doc = { c: number; d: number; updated: string; result?: number; needs?: number; human?: number };

const insert = (db: Kysely<Database>, docs: Doc[]) =>
  db
    .insertInto('document_index')
    .values(
      docs.map((x) => ({
        customer_id: x.c,
        document_id: x.d,
        liveness_result: x.result ?? 1,
        needs_review: x.needs ?? 0,
        has_human_decision: x.human ?? 0,
        confidence: 97,
        flags_json: '[]',
        flag_kinds: ',',
        updated_at: x.updated,
        synced_at: x.updated,
      })),
    )
    .execute();

const passes = (from: number, count: number, day = '2026-03-04') =>
  Array.from({ length: count }, (_, i) => ({ c: 1 + (i % 7), d: from + i, updated: `${day}T${String(i % 24).padStart(2, '0')}:15:00.000Z` }));

await describeEachDialect('the daily QA draw', (database) => {
  it('draws the share of the day’s unreviewed automated passes, the same documents for the same seed', async () => {
    const { db } = database();
    await insert(db, [
      ...passes(100, 50),
      { c: 9, d: 1, updated: '2026-03-04T10:00:00.000Z', result: 0, needs: 1 },
      { c: 9, d: 2, updated: '2026-03-04T10:00:00.000Z', needs: 1 },
      { c: 9, d: 3, updated: '2026-03-04T10:00:00.000Z', human: 1 },
      { c: 9, d: 4, updated: '2026-03-05T00:00:00.000Z' },
      { c: 9, d: 5, updated: '2026-03-03T23:59:59.999Z' },
    ]);
    const draw = await drawQaSample(db, { day: '2026-03-04', percent: 10, seed: 'fixed' });
    expect(draw.population).toBe(50);
    expect(draw.drawn).toHaveLength(5);
    expect(draw.drawn.every((d) => d.documentId >= 100)).toBe(true);

    const other = await database().open();
    await other.deleteFrom('qa_samples').execute();
    const again = await drawQaSample(other, { day: '2026-03-04', percent: 10, seed: 'fixed' });
    expect(again.drawn).toEqual(draw.drawn);
    const differently = await drawQaSample(other, { day: '2026-03-05', percent: 100, seed: 'other' });
    expect(differently.drawn).toEqual([{ customerId: 9, documentId: 4 }]);

    const events = await db.selectFrom('audit_events').select(['detail_json']).where('action', '=', 'qa.drawn').orderBy('seq').execute();
    expect(JSON.parse(events[0]!.detail_json!)).toMatchObject({ day: '2026-03-04', seed: 'fixed', percent: 10, population: 50, documents: draw.drawn });
  });

  it('does nothing on a second run for the same day, and only tops up what a partial run missed', async () => {
    const { db } = database();
    await insert(db, passes(100, 20));
    const first = await drawQaSample(db, { day: '2026-03-04', percent: 10 });
    expect(first.drawn).toHaveLength(2);
    const second = await drawQaSample(db, { day: '2026-03-04', percent: 10 });
    expect(second).toMatchObject({ seed: first.seed, drawn: [] });

    await insert(db, passes(200, 20));
    const third = await drawQaSample(db, { day: '2026-03-04', percent: 10 });
    expect(third.seed).toBe(first.seed);
    expect(third.population).toBe(40);
    expect(third.drawn).toHaveLength(2);
    const rows = await db.selectFrom('qa_samples').select(['document_id']).execute();
    expect(new Set(rows.map((r) => Number(r.document_id))).size).toBe(4);
    expect(await db.selectFrom('audit_events').select('id').where('action', '=', 'qa.drawn').execute()).toHaveLength(2);
  });

  it('never draws a document twice, even when it passes again on another day', async () => {
    const { db } = database();
    await insert(db, [{ c: 1, d: 1, updated: '2026-03-04T08:00:00.000Z' }]);
    expect((await drawQaSample(db, { day: '2026-03-04', percent: 2 })).drawn).toHaveLength(1);
    await db.updateTable('document_index').set({ updated_at: '2026-03-05T08:00:00.000Z' }).execute();
    expect(await drawQaSample(db, { day: '2026-03-05', percent: 100 })).toMatchObject({ population: 0, drawn: [] });
  });
});

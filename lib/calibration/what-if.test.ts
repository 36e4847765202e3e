import { expect, it } from 'vitest';
import { describeEachDialect } from '@/testing/db';
import { computeWhatIf } from './what-if';

type Row = {
  c: number;
  d: number;
  conf: number | null;
  needs: number;
  human: number;
  conclusion: number | null;
  kinds: string;
  qa: 'agree' | 'disagree' | null;
};

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function rows(count: number): Row[] {
  const r = rng(7);
  const kinds = [',', ',low-confidence,', ',liveness-failed,low-confidence,', ',eyes-closed,', ',disagreement,'];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[Math.floor(r() * kinds.length)]!;
    const human = r() < 0.4 ? 1 : 0;
    return {
      c: 1 + (i % 37),
      d: 1000 + i,
      // Edge values on bin and threshold boundaries, and unknown confidences.
      conf: r() < 0.05 ? null : r() < 0.1 ? [0, 50, 90, 100][i % 4]! : Math.round(r() * 1000) / 10,
      needs: kind === ',' ? 0 : 1,
      human,
      conclusion: human ? (r() < 0.5 ? 1 : 0) : r() < 0.8 ? 1 : null,
      kinds: kind,
      qa: !human && r() < 0.3 ? (r() < 0.8 ? 'agree' : 'disagree') : null,
    };
  });
}

/** The SPEC §11 counts, one row at a time. */
function bruteForce(data: Row[], pass: number, fail: number) {
  const verdict = (x: Row) => (x.human ? x.conclusion : x.qa === 'agree' ? 1 : null);
  const has = (x: Row) => x.conf !== null;
  const histogram = Array.from({ length: 20 }, () => ({ humanPass: 0, humanFail: 0 }));
  for (const x of data) {
    const v = verdict(x);
    if (!has(x) || v === null || x.conf! < 0 || x.conf! > 100) continue;
    const bin = histogram[Math.min(19, Math.floor(x.conf! / 5))]!;
    if (v === 1) bin.humanPass += 1;
    else bin.humanFail += 1;
  }
  return {
    queue: data.filter((x) => !x.human && ((x.needs && x.kinds !== ',low-confidence,') || (has(x) && x.conf! < pass))).length,
    humanFailedWouldPass: data.filter((x) => verdict(x) === 0 && has(x) && x.conf! >= pass).length,
    humanPassedWouldFail: data.filter((x) => verdict(x) === 1 && has(x) && x.conf! < fail).length,
    judged: { pass: data.filter((x) => verdict(x) === 1).length, fail: data.filter((x) => verdict(x) === 0).length },
    histogram,
  };
}

await describeEachDialect('threshold what-if', (database) => {
  it('counts what a brute-force pass over the rows counts, for every pair of thresholds tried', async () => {
    const { db } = database();
    const data = rows(400);
    await db
      .insertInto('document_index')
      .values(
        data.map((x) => ({
          customer_id: x.c,
          document_id: x.d,
          confidence: x.conf,
          needs_review: x.needs,
          has_human_decision: x.human,
          conclusion: x.conclusion,
          liveness_result: 1,
          flag_kinds: x.kinds,
          flags_json: '[]',
          synced_at: '2026-01-01T00:00:00.000Z',
        })),
      )
      .execute();
    const sampled = data.filter((x) => x.qa);
    await db
      .insertInto('qa_samples')
      .values(
        sampled.map((x) => ({
          day: '2026-01-01',
          customer_id: x.c,
          document_id: x.d,
          seed: 's',
          percent: 2,
          drawn_at: 'x',
          verdict: x.qa,
          verdict_by: null,
          verdict_at: null,
        })),
      )
      .execute();

    const pairs = [
      { pass: 90, fail: 50 },
      { pass: 95, fail: 80 },
      { pass: 50, fail: 50 },
      { pass: 100, fail: 0 },
      { pass: 72.5, fail: 31.2 },
    ];
    const got = await computeWhatIf(db, pairs);
    for (const [i, { pass, fail }] of pairs.entries()) {
      const { histogram, judged, ...counts } = bruteForce(data, pass, fail);
      expect(got.counts[i]).toEqual({ thresholds: { pass, fail }, ...counts });
      expect(got.judged).toEqual(judged);
      expect(got.histogram.map(({ humanPass, humanFail }) => ({ humanPass, humanFail }))).toEqual(histogram);
    }
    expect(got.counts[0]!.humanFailedWouldPass).toBeGreaterThan(0);
  });
});

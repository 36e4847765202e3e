import 'server-only';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Database } from '@/lib/db';

export type CandidateThresholds = { pass: number; fail: number };

/** Histogram bins of liveness confidence, 0–100 in steps of this width (100 falls in the last). */
const BIN_WIDTH = 5;
const BINS = 100 / BIN_WIDTH;

export type HistogramBin = { from: number; to: number; humanPass: number; humanFail: number };

export type WhatIfCounts = {
  thresholds: CandidateThresholds;
  /** Undecided documents that would need a human: below the pass threshold, or flagged for another reason. */
  queue: number;
  /** Documents a human failed whose confidence would pass them automatically. */
  humanFailedWouldPass: number;
  /** Documents a human passed whose confidence would fail them automatically. */
  humanPassedWouldFail: number;
};

export type WhatIf = {
  /** One per pair of thresholds asked for, in that order. */
  counts: WhatIfCounts[];
  judged: { pass: number; fail: number };
  histogram: HistogramBin[];
};

/**
 * A document's human verdict, 1 (pass) / 0 (fail) / null: after a human decision applied by this
 * console the index holds the conclusion Artemis keeps for it; a QA Agree lets the machine's pass
 * stand (a Disagree is an override, so it arrives as a decision). A join, not a subquery: the
 * planner copies this expression into every sum that uses it.
 */
const humanVerdict = sql<number | null>`case when d.has_human_decision = 1 then d.conclusion when q.customer_id is not null then 1 end`;

const count = (condition: RawBuilder<unknown>) => sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;

/** The index beside its QA Agree verdicts, one row per document (qa_samples is keyed by document). */
function judged(db: Kysely<Database>) {
  return db
    .selectFrom('document_index as d')
    .leftJoin('qa_samples as q', (j) =>
      j.onRef('q.customer_id', '=', 'd.customer_id').onRef('q.document_id', '=', 'd.document_id').on('q.verdict', '=', 'agree'),
    );
}

/**
 * The SPEC §11 what-if in two scans of the index, whatever the number of threshold pairs
 * compared: the counts as conditional sums, and the histogram grouped by bin and verdict.
 */
export async function computeWhatIf(db: Kysely<Database>, pairs: CandidateThresholds[]): Promise<WhatIf> {
  const human = humanVerdict;
  const counts = judged(db)
    .select(
      pairs.flatMap((t, i) => [
        // Threshold-free reasons (failed result, face attributes, disagreement) keep a document in
        // the queue whatever the thresholds; `low-confidence` alone depends on them.
        count(sql`d.has_human_decision = 0 and ((d.needs_review = 1 and d.flag_kinds <> ',low-confidence,') or d.confidence < ${t.pass})`).as(`queue${i}`),
        count(sql`${human} = 0 and d.confidence >= ${t.pass}`).as(`accepts${i}`),
        count(sql`${human} = 1 and d.confidence < ${t.fail}`).as(`rejects${i}`),
      ]),
    )
    .select([count(sql`${human} = 1`).as('judged_pass'), count(sql`${human} = 0`).as('judged_fail')])
    .executeTakeFirstOrThrow() as Promise<Record<string, number | string | null>>;
  // Whole bins; 100 falls in the last. SQLite's integer cast truncates, PostgreSQL's rounds.
  const bin =
    dialectOf(db) === 'postgres'
      ? sql<number>`least(floor(d.confidence / ${BIN_WIDTH})::int, ${BINS - 1})`
      : sql<number>`min(cast(d.confidence / ${BIN_WIDTH} as integer), ${BINS - 1})`;
  const groups = judged(db)
    .select([bin.as('bin'), human.as('human'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('d.confidence', '>=', 0)
    .where('d.confidence', '<=', 100)
    .where(sql<boolean>`${human} is not null`)
    .groupBy([sql`1`, sql`2`])
    .execute();
  const [row, binned] = await Promise.all([counts, groups]);
  const histogram: HistogramBin[] = Array.from({ length: BINS }, (_, i) => ({ from: i * BIN_WIDTH, to: (i + 1) * BIN_WIDTH, humanPass: 0, humanFail: 0 }));
  for (const g of binned) {
    const target = histogram[Number(g.bin)];
    if (target) target[Number(g.human) === 1 ? 'humanPass' : 'humanFail'] += Number(g.n);
  }
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    counts: pairs.map((thresholds, i) => ({
      thresholds,
      queue: n(`queue${i}`),
      humanFailedWouldPass: n(`accepts${i}`),
      humanPassedWouldFail: n(`rejects${i}`),
    })),
    judged: { pass: n('judged_pass'), fail: n('judged_fail') },
    histogram,
  };
}

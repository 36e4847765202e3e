import 'server-only';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@/lib/db';

export type CandidateThresholds = { pass: number; fail: number };

/** Histogram bins of liveness confidence, 0–100 in steps of this width (100 falls in the last). */
export const BIN_WIDTH = 5;
const BINS = 100 / BIN_WIDTH;

export type HistogramBin = { from: number; to: number; humanPass: number; humanFail: number };

export type WhatIf = {
  thresholds: CandidateThresholds;
  /** Undecided documents that would need a human: below the pass threshold, or flagged for another reason. */
  queue: number;
  /** Documents a human failed whose confidence would pass them automatically. */
  humanFailedWouldPass: number;
  /** Documents a human passed whose confidence would fail them automatically. */
  humanPassedWouldFail: number;
  judged: { pass: number; fail: number };
  histogram: HistogramBin[];
};

/**
 * A document's human verdict, 1 (pass) / 0 (fail) / null: after a human decision applied by this
 * console the index holds the conclusion Artemis keeps for it; a QA Agree lets the machine's pass
 * stand (a Disagree is an override, so it arrives as a decision).
 */
const humanVerdict = sql<number | null>`case
  when d.has_human_decision = 1 then d.conclusion
  when exists (select 1 from qa_samples q where q.customer_id = d.customer_id and q.document_id = d.document_id and q.verdict = 'agree') then 1
end`;

const count = (condition: RawBuilder<unknown>) => sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * The SPEC §11 what-if in one pass over the index: every count is a conditional sum, so its cost
 * is one scan of the index whatever the thresholds.
 */
export async function computeWhatIf(db: Kysely<Database>, t: CandidateThresholds): Promise<WhatIf> {
  const bins = Array.from({ length: BINS }, (_, i) => {
    const from = i * BIN_WIDTH;
    const inBin = i === BINS - 1 ? sql`confidence >= ${from} and confidence <= 100` : sql`confidence >= ${from} and confidence < ${from + BIN_WIDTH}`;
    return [count(sql`human = 1 and ${inBin}`).as(`p${i}`), count(sql`human = 0 and ${inBin}`).as(`f${i}`)];
  }).flat();
  const row = (await db
    .selectFrom(
      db
        .selectFrom('document_index as d')
        .select(['d.confidence', 'd.needs_review', 'd.has_human_decision', 'd.flag_kinds', humanVerdict.as('human')])
        .as('t'),
    )
    .select([
      // Threshold-free reasons (failed result, face attributes, disagreement) keep a document in
      // the queue whatever the thresholds; `low-confidence` alone depends on them.
      count(sql`has_human_decision = 0 and ((needs_review = 1 and flag_kinds <> ',low-confidence,') or confidence < ${t.pass})`).as('queue'),
      count(sql`human = 0 and confidence >= ${t.pass}`).as('human_failed_would_pass'),
      count(sql`human = 1 and confidence < ${t.fail}`).as('human_passed_would_fail'),
      count(sql`human = 1`).as('judged_pass'),
      count(sql`human = 0`).as('judged_fail'),
      ...bins,
    ])
    .executeTakeFirstOrThrow()) as Record<string, number | string | null>;
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    thresholds: t,
    queue: n('queue'),
    humanFailedWouldPass: n('human_failed_would_pass'),
    humanPassedWouldFail: n('human_passed_would_fail'),
    judged: { pass: n('judged_pass'), fail: n('judged_fail') },
    histogram: Array.from({ length: BINS }, (_, i) => ({ from: i * BIN_WIDTH, to: (i + 1) * BIN_WIDTH, humanPass: n(`p${i}`), humanFail: n(`f${i}`) })),
  };
}

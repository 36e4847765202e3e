import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditFilters } from '@/lib/audit/filters';
import { iterateAuditEvents } from '@/lib/audit/query';
import type { OverrideStats, Tally } from '@/lib/audit/stats';
import { getDb, type Database } from '@/lib/db';
import { recordFromJson } from '@/lib/records';
import { estimate, type Estimate } from './wilson';

export type CalibrationRow = {
  /** A UTC month (YYYY-MM), or `all` for the whole selection. */
  key: string;
  /** Documents drawn for QA in the period (whatever became of them). */
  sampled: number;
  /** Disagree of QA verdicts: automated passes a human would have failed. */
  falseAccept: Estimate;
  /** Human passes of automated fails, of the automated fails humans decided. */
  falseReject: Estimate;
};

type Verdicts = { agree: number; disagree: number };
type Scope = Pick<AuditFilters, 'from' | 'to' | 'actor' | 'reasonCode'>;

const verdictOf = (detailJson: string | null): keyof Verdicts | undefined => {
  const v = recordFromJson(detailJson).verdict;
  return v === 'agree' || v === 'disagree' ? v : undefined;
};

/**
 * QA verdicts per month, from the trail (the `qa.verdict` events are the evidence, not the sample
 * table), without those withdrawn since (a Disagree whose override was not applied).
 */
async function verdictsByMonth(scope: Scope, db: Kysely<Database>): Promise<Map<string, Verdicts>> {
  const withdrawn = new Set<string>();
  for await (const batch of iterateAuditEvents({ from: scope.from, action: 'qa.verdict_withdrawn' }, { db })) {
    for (const row of batch) if (row.correlation_id) withdrawn.add(row.correlation_id);
  }
  const months = new Map<string, Verdicts>();
  for await (const batch of iterateAuditEvents({ ...scope, action: 'qa.verdict' }, { db })) {
    for (const row of batch) {
      const verdict = verdictOf(row.detail_json);
      if (!verdict || withdrawn.has(row.id)) continue;
      const month = row.occurred_at.slice(0, 7);
      const v = months.get(month) ?? { agree: 0, disagree: 0 };
      v[verdict] += 1;
      months.set(month, v);
    }
  }
  return months;
}

/** Documents drawn per month, from the `qa.drawn` events (the draws' own evidence). */
async function sampledByMonth(scope: Scope, db: Kysely<Database>): Promise<Map<string, number>> {
  const months = new Map<string, number>();
  for await (const batch of iterateAuditEvents({ from: scope.from, to: scope.to, action: 'qa.drawn' }, { db })) {
    for (const row of batch) {
      const documents = recordFromJson(row.detail_json).documents;
      const month = row.occurred_at.slice(0, 7);
      if (Array.isArray(documents)) months.set(month, (months.get(month) ?? 0) + documents.length);
    }
  }
  return months;
}

/**
 * The SPEC §11 estimates per month and over the selection: false accepts from QA verdicts, false
 * rejects from the decisions already tallied in `stats` (the same period and filters).
 */
export async function computeCalibrationEstimates(
  scope: Scope,
  stats: Pick<OverrideStats, 'overall' | 'byMonth'>,
  options: { db?: Kysely<Database> } = {},
): Promise<{ overall: CalibrationRow; byMonth: CalibrationRow[] }> {
  const db = options.db ?? (await getDb());
  const [verdicts, sampled] = await Promise.all([verdictsByMonth(scope, db), sampledByMonth(scope, db)]);
  const tallies = new Map(stats.byMonth.map((m) => [m.key, m.tally]));
  const row = (key: string, v: Verdicts, n: number, t: Tally | undefined): CalibrationRow => ({
    key,
    sampled: n,
    falseAccept: estimate(v.disagree, v.agree + v.disagree),
    falseReject: estimate(t?.failToPass ?? 0, t?.machineFails ?? 0),
  });
  const keys = [...new Set([...verdicts.keys(), ...sampled.keys(), ...tallies.keys()])].sort();
  const none = { agree: 0, disagree: 0 };
  const byMonth = keys.map((key) => row(key, verdicts.get(key) ?? none, sampled.get(key) ?? 0, tallies.get(key)));
  const total = [...verdicts.values()].reduce((a, v) => ({ agree: a.agree + v.agree, disagree: a.disagree + v.disagree }), none);
  const sampledTotal = [...sampled.values()].reduce((a, n) => a + n, 0);
  return { overall: row('all', total, sampledTotal, stats.overall), byMonth };
}

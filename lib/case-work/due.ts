import 'server-only';
import type { Kysely } from 'kysely';
import { dayAfter, dayStart } from '@/lib/audit/filters';
import { getDb, type Database } from '@/lib/db';

/**
 * Due dates (SPEC §14): a document is due REVIEW_SLA_HOURS after it entered the queue
 * (`document_index.queued_at`, kept by the index across syncs). The figures are read from the
 * index, so they cover each document's latest decision made in this console.
 */

const HOUR_MS = 3_600_000;

export const dueAt = (queuedAt: string, slaHours: number) => new Date(Date.parse(queuedAt) + slaHours * HOUR_MS).toISOString();

/** A document in the queue (needing review, no human decision) that entered it before this instant is overdue. */
export const overdueBefore = (slaHours: number, now: Date) => new Date(now.getTime() - slaHours * HOUR_MS).toISOString();

export type DueMonth = {
  /** UTC month of the decision, YYYY-MM. */
  month: string;
  decided: number;
  withinDue: number;
  /** Time from entering the queue to the decision, in milliseconds. */
  medianMs: number;
  p90Ms: number;
};

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Per month of the decision, oldest first: how many were decided within their due time, and how long decisions took. */
export async function dueFigures(slaHours: number, period: { from?: string; to?: string } = {}, options: { db?: Kysely<Database> } = {}): Promise<DueMonth[]> {
  let query = (options.db ?? (await getDb()))
    .selectFrom('document_index')
    .select(['queued_at', 'decided_at'])
    .where('has_human_decision', '=', 1)
    .where('queued_at', 'is not', null)
    .where('decided_at', 'is not', null);
  if (period.from) query = query.where('decided_at', '>=', dayStart(period.from));
  if (period.to) query = query.where('decided_at', '<', dayAfter(period.to));
  const byMonth = new Map<string, number[]>();
  for (const row of await query.execute()) {
    const took = Date.parse(row.decided_at!) - Date.parse(row.queued_at!);
    // A decision recorded before the index first saw the document has no time in the queue to count.
    if (!(took >= 0)) continue;
    const month = row.decided_at!.slice(0, 7);
    const times = byMonth.get(month);
    if (times) times.push(took);
    else byMonth.set(month, [took]);
  }
  return [...byMonth]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, times]) => {
      const sorted = times.sort((a, b) => a - b);
      return {
        month,
        decided: sorted.length,
        withinDue: sorted.filter((ms) => ms <= slaHours * HOUR_MS).length,
        medianMs: percentile(sorted, 50),
        p90Ms: percentile(sorted, 90),
      };
    });
}

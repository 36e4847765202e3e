import 'server-only';
import { getDb } from '@/lib/db';
import { withSyncLease } from '@/lib/document-index/sync-lease';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { drawDays, drawQaSample, type QaDraw } from './qa-draw';

/**
 * The scheduled QA draw (SPEC §11): the background sync turn and `npm run qa:draw` call this.
 * It must run under the fleet-wide lease with the sync, so that two instances never draw the same
 * day at once (the table's keys would refuse the second, but it would fail noisily).
 */
export async function runScheduledQaDraw(days: string[] = drawDays()): Promise<QaDraw[]> {
  const db = await getDb();
  const { qaSamplePercent } = getEnv();
  const draws: QaDraw[] = [];
  for (const day of days) draws.push(await drawQaSample(db, { day, percent: qaSamplePercent }));
  return draws;
}

/**
 * Demo mode, after its first sync: the sandbox's documents are dated long ago, so a draw of
 * yesterday and today finds none; this draws every day the index has automated passes from.
 */
export async function drawDemoBacklog(): Promise<void> {
  const db = await getDb();
  const rows = await db
    .selectFrom('document_index')
    .select('updated_at')
    .where('liveness_result', '=', 1)
    .where('needs_review', '=', 0)
    .where('has_human_decision', '=', 0)
    .where('updated_at', 'is not', null)
    .execute();
  const days = [...new Set(rows.map((r) => r.updated_at!.slice(0, 10)))].sort();
  const outcome = await withSyncLease(db, 'QA draw (demo backlog)', () => runScheduledQaDraw(days));
  if (!outcome.taken) return;
  const drawn = outcome.value.reduce((n, d) => n + d.drawn.length, 0);
  logger('qa-draw').info(`Demo mode: QA sample drawn over ${days.length} days of automated passes (${drawn} documents).`);
}

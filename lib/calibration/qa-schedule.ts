import 'server-only';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
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

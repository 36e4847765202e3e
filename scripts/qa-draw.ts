/**
 * Draws the QA sample of automated passes (SPEC §11), for cron:
 *
 *   npm run qa:draw                      yesterday and today (UTC)
 *   npm run qa:draw -- --day 2026-03-04  one UTC day
 *
 * The share is QA_SAMPLE_PERCENT. A second run for a day only tops up what the first missed.
 * Run it after `npm run sync` (the draw reads the document index). It takes the fleet's sync
 * lease, and skips (exit 0, saying so) while another process holds it.
 * Exit 0 done or skipped, 1 failed, 2 usage.
 */
import 'server-only';
import { parseArgs } from 'node:util';
import { runScheduledQaDraw } from '@/lib/calibration/qa-schedule';
import { closeDb, getDb } from '@/lib/db';
import { withSyncLease } from '@/lib/document-index/sync-lease';
import { ConfigError } from '@/lib/env';

const USAGE = 'Usage: npm run qa:draw -- [--day YYYY-MM-DD]';

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { day: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.day)) {
      console.error(`--day must be a UTC day like 2026-03-04\n${USAGE}`);
      return 2;
    }
    const outcome = await withSyncLease(await getDb(), 'QA draw (command line)', () => runScheduledQaDraw(values.day ? [values.day] : undefined));
    if (!outcome.taken) {
      console.log('Skipped: another process holds the sync lease (a sync or a draw is running). Run it again later.');
      return 0;
    }
    for (const d of outcome.value) {
      console.log(`${d.day}: ${d.drawn.length} drawn of ${d.population} automated passes at ${d.percent}% (seed ${d.seed})`);
    }
    return 0;
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof ConfigError ? err.message : `QA draw failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();

/**
 * Fills the review queue's document index from Artemis (SPEC §7).
 *
 *   npm run sync                         resume an interrupted run, or start a new one
 *   npm run sync -- --restart            start again from the first page
 *   npm run sync -- --customer 1003      re-read one customer's documents
 *   npm run sync -- --concurrency 2 --delay-ms 100 --page-size 50
 *
 * Concurrency and delay default to SYNC_CONCURRENCY and SYNC_DELAY_MS. Progress goes to stderr
 * (one updating line on a terminal, a line per page otherwise); the summary to stdout.
 * Like the servers' background sync it takes the fleet's sync lease, and skips its turn (exit 0,
 * saying so) while another process holds it.
 * Exit codes: 0 done or skipped, 1 failed (run it again to resume), 2 usage error.
 */
import 'server-only';
import { parseArgs } from 'node:util';
import { getArtemis } from '@/lib/artemis';
import { MAX_CUSTOMER_PAGE_SIZE } from '@/lib/artemis/assumptions';
import { describeArtemisError, isArtemisError } from '@/lib/artemis/errors';
import { closeDb, getDb } from '@/lib/db';
import { ConfigError, getEnv } from '@/lib/env';
import { DEFAULT_SYNC_PAGE_SIZE, runFullSync, syncCustomer, type SyncProgress } from '@/lib/document-index/sync';
import { withSyncLease } from '@/lib/document-index/sync-lease';

const USAGE = `Usage: npm run sync -- [--restart] [--customer <id>] [--concurrency <n>] [--delay-ms <ms>] [--page-size <n>]`;

class UsageError extends Error {}

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function progressLine(p: SyncProgress): string {
  const pages = p.totalPages ? `${p.page}/${p.totalPages}` : String(p.page);
  const customers = p.totalCustomers ? `${p.customers}/${p.totalCustomers}` : String(p.customers);
  const unreadable = p.unreadableCustomers + p.unreadableDocuments;
  return `page ${pages} · customers ${customers} · documents ${p.documents}${unreadable > 0 ? ` · unreadable ${unreadable}` : ''}`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "2 unreadable records skipped (1 customer, 1 document; …)": records Artemis sent that the console could not read. */
function unreadableSummary(customers: number, documents: number): string {
  const total = customers + documents;
  if (total === 0) return '0 unreadable';
  const kinds = [customers > 0 ? plural(customers, 'customer') : '', documents > 0 ? plural(documents, 'document') : ''].filter(Boolean).join(', ');
  return `${plural(total, 'unreadable record')} skipped (${kinds}; their index rows are kept, the log says which)`;
}

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        restart: { type: 'boolean' },
        customer: { type: 'string' },
        concurrency: { type: 'string' },
        'delay-ms': { type: 'string' },
        'page-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const env = getEnv();
    const customerId = int('--customer', values.customer, 1, Number.MAX_SAFE_INTEGER);
    const concurrency = int('--concurrency', values.concurrency, 1, 32) ?? env.sync.concurrency;
    const delayMs = int('--delay-ms', values['delay-ms'], 0, 60_000) ?? env.sync.delayMs;
    const pageSize = int('--page-size', values['page-size'], 1, MAX_CUSTOMER_PAGE_SIZE) ?? DEFAULT_SYNC_PAGE_SIZE;
    const db = await getDb();
    const artemis = await getArtemis();

    const LEASE_HELD = 'Skipped: another process (a console instance or another `npm run sync`) holds the sync lease.';
    if (customerId !== undefined) {
      const outcome = await withSyncLease(db, `customer ${customerId} (npm run sync)`, () => syncCustomer(db, artemis, env.thresholds, customerId));
      if (!outcome.taken) {
        console.log(LEASE_HELD);
        return 0;
      }
      const result = outcome.value;
      console.log(
        result.removed
          ? `Customer ${customerId} is not in Artemis: removed from the index.`
          : `Customer ${customerId}: ${result.documents} documents indexed${result.unreadable > 0 ? `, ${unreadableSummary(0, result.unreadable)}` : ''}.`,
      );
      return 0;
    }

    const tty = process.stderr.isTTY;
    const outcome = await withSyncLease(db, 'full sync (npm run sync)', () =>
      runFullSync({
        db,
        artemis,
        thresholds: env.thresholds,
        pageSize,
        concurrency,
        delayMs,
        restart: values.restart === true,
        onProgress: (p) => process.stderr.write(tty ? `\r\x1b[2K${progressLine(p)}` : `${progressLine(p)}\n`),
      }),
    );
    if (!outcome.taken) {
      console.log(LEASE_HELD);
      return 0;
    }
    const report = outcome.value;
    if (tty) process.stderr.write('\n');
    console.log(
      `Sync done${report.resumedFromPage !== undefined ? ` (resumed at page ${report.resumedFromPage + 1})` : ''}: ` +
        `${report.customers} customers, ${report.documents} documents, ${unreadableSummary(report.unreadableCustomers, report.unreadableDocuments)}, ` +
        `${report.sweepSkipped ? 'stale rows kept (a customer without a usable id could not be read)' : `${report.removed} stale rows removed`}, ` +
        `${(report.durationMs / 1000).toFixed(1)} s.`,
    );
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    const detail = isArtemisError(err) ? describeArtemisError(err) : err instanceof Error ? err.message : String(err);
    console.error(`Sync failed: ${detail}\nRun it again to resume from the page it stopped at.`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();

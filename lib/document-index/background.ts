import 'server-only';
import pino from 'pino';
import { getArtemis } from '@/lib/artemis';
import { runScheduledQaDraw } from '@/lib/calibration/qa-schedule';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { reconcileInBackground } from '@/lib/overrides/settle';
import { runFullSync, syncCustomer } from './sync';

type SyncRegistry = {
  timer?: NodeJS.Timeout;
  full?: Promise<void>;
  customers: Map<number, { running: Promise<void>; again: boolean }>;
};

declare global {
  // One registry per process, shared by Next's separate server bundles.
  var __queueSync: SyncRegistry | undefined;
}

const registry: SyncRegistry = (globalThis.__queueSync ??= { customers: new Map() });
const log = () => pino({ level: getEnv().logLevel }).child({ component: 'queue-sync' });

/** One full sync at a time in this process; a call while one runs joins it. */
export function runIndexSync(reason: string): Promise<void> {
  registry.full ??= (async () => {
    const env = getEnv();
    const started = Date.now();
    try {
      const report = await runFullSync({
        db: await getDb(),
        artemis: await getArtemis(),
        thresholds: env.thresholds,
        concurrency: env.sync.concurrency,
        delayMs: env.sync.delayMs,
      });
      log().info(
        {
          reason,
          customers: report.customers,
          documents: report.documents,
          unreadableCustomers: report.unreadableCustomers,
          unreadableDocuments: report.unreadableDocuments,
          sweepSkipped: report.sweepSkipped,
          ms: Date.now() - started,
        },
        'document index synced',
      );
    } catch (error) {
      log().warn({ reason, error: error instanceof Error ? error.message : String(error) }, 'document index sync failed; the next run resumes it');
    }
    // The QA draw reads the index just synced; it belongs under the same fleet-wide lease.
    await runScheduledQaDraw().catch((error: unknown) => log().warn({ reason, error: error instanceof Error ? error.message : String(error) }, 'QA draw skipped this turn'));
    // Override attempts still without an outcome are settled on each turn, the sync's or not.
    await getArtemis()
      .then((artemis) => reconcileInBackground(artemis, reason))
      .catch((error: unknown) => log().warn({ reason, error: error instanceof Error ? error.message : String(error) }, 'settling skipped this turn'))
      .finally(() => {
        registry.full = undefined;
      });
  })();
  return registry.full;
}

/**
 * Re-reads one customer. Calls for a customer already being read coalesce into at most one more
 * read after it, so a burst of callbacks costs two reads, and the last one sees the latest state.
 */
export function resyncCustomer(customerId: number): Promise<void> {
  const current = registry.customers.get(customerId);
  if (current) {
    current.again = true;
    return current.running;
  }
  const entry = { running: Promise.resolve(), again: false };
  entry.running = (async () => {
    try {
      do {
        entry.again = false;
        const env = getEnv();
        try {
          await syncCustomer(await getDb(), await getArtemis(), env.thresholds, customerId);
        } catch (error) {
          log().warn({ customerId, error: error instanceof Error ? error.message : String(error) }, 'customer re-sync failed');
        }
      } while (entry.again);
    } finally {
      registry.customers.delete(customerId);
    }
  })();
  registry.customers.set(customerId, entry);
  return entry.running;
}

/** Starts the periodic sync (SYNC_INTERVAL_SECONDS; 0 = off). Idempotent. */
export function startBackgroundSync(intervalSeconds: number): void {
  if (intervalSeconds <= 0 || registry.timer) return;
  registry.timer = setInterval(() => void runIndexSync('interval'), intervalSeconds * 1000);
  // The timer alone must not keep a process alive that is otherwise done.
  registry.timer.unref();
  void runIndexSync('start-up');
}

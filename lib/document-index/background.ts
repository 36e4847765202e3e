import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { runFullSync, syncCustomer } from './sync';
import { withSyncLease } from './sync-lease';

/** Work that follows each sync turn, under the same lease (the QA draw, settling): registered at start-up. */
export type TurnJob = { name: string; run: (reason: string) => Promise<void> };

type SyncRegistry = {
  timer?: NodeJS.Timeout;
  full?: Promise<void>;
  customers: Map<number, { running: Promise<void>; again: boolean }>;
  jobs?: Map<string, TurnJob>;
};

declare global {
  // One registry per process, shared by Next's separate server bundles.
  var __queueSync: SyncRegistry | undefined;
}

const registry: SyncRegistry = (globalThis.__queueSync ??= { customers: new Map() });
const log = () => logger('queue-sync');

/**
 * One full sync at a time in this process (a call while one runs joins it), and in the fleet:
 * the turn runs only when it takes the sync lease, and is skipped when another process has it.
 */
export function runIndexSync(reason: string): Promise<void> {
  registry.full ??= (async () => {
    try {
      await withSyncLease(await getDb(), `full sync (${reason})`, () => syncTurn(reason));
    } catch (error) {
      log().warn({ reason, error: errorText(error) }, 'document index sync not run: the database did not answer');
    } finally {
      registry.full = undefined;
    }
  })();
  return registry.full;
}

async function syncTurn(reason: string): Promise<void> {
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
    log().warn({ reason, error: errorText(error) }, 'document index sync failed; the next run resumes it');
  }
  // Each job runs whether the sync succeeded or not, in the order registered; one failing stops none.
  for (const job of registry.jobs?.values() ?? []) {
    await job.run(reason).catch((error: unknown) => log().warn({ reason, job: job.name, error: errorText(error) }, 'a job of the sync turn was skipped'));
  }
}

/** Adds work to every sync turn (start-up wires the QA draw and settling in, lib/wiring.ts). Idempotent by name. */
export function registerTurnJob(job: TurnJob): void {
  (registry.jobs ??= new Map()).set(job.name, job);
}

/** A callback's re-sync waits this long for the sync lease before it gives up its turn. */
const CUSTOMER_LEASE_WAIT_MS = 30_000;
const CUSTOMER_LEASE_POLL_MS = 1_000;

async function resyncUnderLease(customerId: number): Promise<void> {
  const deadline = Date.now() + CUSTOMER_LEASE_WAIT_MS;
  for (;;) {
    const outcome = await withSyncLease(await getDb(), `customer ${customerId} (callback)`, async () => {
      await syncCustomer(await getDb(), await getArtemis(), getEnv().thresholds, customerId);
    });
    if (outcome.taken) return;
    if (Date.now() >= deadline) {
      log().warn({ customerId }, 'customer re-sync skipped: the sync lease stayed held; the next full sync reads this customer');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, CUSTOMER_LEASE_POLL_MS));
  }
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
        try {
          await resyncUnderLease(customerId);
        } catch (error) {
          log().warn({ customerId, error: errorText(error) }, 'customer re-sync failed');
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

/** Shutdown: no new turn starts. A turn cut off is resumed by the next one, from the page it was on. */
export function stopBackgroundSync(): void {
  if (registry.timer) clearInterval(registry.timer);
  registry.timer = undefined;
}

import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import { withLease, type LeaseOutcome } from '@/lib/db/lease';
import { logger } from '@/lib/log';
import { metrics } from '@/lib/metrics';

/** The one lease every sync of the document index takes: the background sync, callback re-syncs, `npm run sync`. */
const SYNC_LEASE = 'index-sync';

/**
 * Runs one sync holding the fleet's sync lease, or skips it when another process (this
 * instance's other sync, another instance, the CLI) holds it. Taking, giving back and skipping
 * are logged with the holder, so an operator can see from the logs that syncs never overlap.
 */
export async function withSyncLease<T>(db: Kysely<Database>, purpose: string, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
  const log = logger('sync-lease');
  const holder = randomUUID();
  const started = Date.now();
  const outcome = await withLease(
    db,
    SYNC_LEASE,
    async () => {
      log.info({ lease: SYNC_LEASE, purpose, holder }, 'sync lease taken');
      try {
        return await work();
      } finally {
        // Written while still held: the taken and given-back lines bracket the sync.
        log.info({ lease: SYNC_LEASE, purpose, holder, ms: Date.now() - started }, 'sync lease given back');
      }
    },
    { holder },
  );
  if (!outcome.taken) {
    metrics().syncSkipped.inc();
    log.info({ lease: SYNC_LEASE, purpose }, 'sync skipped: another process holds the sync lease');
  }
  return outcome;
}

import 'server-only';
import type { Kysely } from 'kysely';
import type { ArtemisClient, DocumentListResult } from '@/lib/artemis/client';
import { ArtemisError } from '@/lib/artemis/errors';
import { writeTransaction, type Database } from '@/lib/db';
import type { Thresholds } from '@/lib/liveness/assessment';
import { indexCustomers, keepCustomersInIndex, removeCustomerFromIndex, rowsKeptFor, type CustomerWithDocuments } from './store';

const FULL_SYNC = 'full';
export const DEFAULT_SYNC_PAGE_SIZE = 100;

export type SyncProgress = {
  page: number;
  totalPages: number | undefined;
  customers: number;
  documents: number;
  totalCustomers: number | undefined;
  /** Records Artemis sent that the console could not read, skipped (counted by this process, not since a resumed run began). */
  unreadableCustomers: number;
  unreadableDocuments: number;
};

export type SyncReport = SyncProgress & {
  resumedFromPage: number | undefined;
  removed: number;
  /** Stale rows were kept: an unreadable customer without a usable id might have stood for any of them. */
  sweepSkipped: boolean;
  durationMs: number;
};

export type FullSyncOptions = {
  db: Kysely<Database>;
  artemis: ArtemisClient;
  thresholds: Thresholds;
  pageSize?: number;
  /** Customers whose documents are read at the same time. */
  concurrency?: number;
  /** Pause before each Artemis request: a crude rate limit that a shared tenant will thank us for. */
  delayMs?: number;
  /** Ignore an interrupted run's saved page and start from the first. */
  restart?: boolean;
  onProgress?: (p: SyncProgress) => void;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A customer's documents; a customer gone between the page and this read simply has none. */
async function documentsOf(artemis: ArtemisClient, customerId: number): Promise<DocumentListResult> {
  try {
    return await artemis.listDocuments(customerId);
  } catch (error) {
    if (error instanceof ArtemisError && error.reason === 'endpoint-unavailable' && error.status === 404) return { documents: [], unreadable: [] };
    throw error;
  }
}

/**
 * Pages through every Artemis customer and indexes their documents. Each page is committed with
 * the next page number in `sync_state`, so a run that fails (or is killed) is resumed from the
 * page it was on. Rows not seen by a completed run (customers or documents gone from Artemis)
 * are removed at the end. A record the console cannot read is skipped and counted, and the rows
 * it may stand for are kept: an unreadable record is not a record gone.
 */
export async function runFullSync(options: FullSyncOptions): Promise<SyncReport> {
  const { db, artemis, thresholds } = options;
  const pageSize = options.pageSize ?? DEFAULT_SYNC_PAGE_SIZE;
  const concurrency = options.concurrency ?? 4;
  const delayMs = options.delayMs ?? 0;
  const sleep = options.sleep ?? defaultSleep;
  const pause = () => (delayMs > 0 ? sleep(delayMs) : Promise.resolve());
  const began = Date.now();

  const saved = await db.selectFrom('sync_state').selectAll().where('name', '=', FULL_SYNC).executeTakeFirst();
  const resume = !options.restart && saved !== undefined && saved.status !== 'done';
  let page = resume ? saved.next_page : 0;
  const startedAt = resume ? saved.started_at : new Date().toISOString();
  const progress: SyncProgress = {
    page,
    totalPages: undefined,
    customers: resume ? saved.customers_done : 0,
    documents: resume ? saved.documents_done : 0,
    totalCustomers: undefined,
    unreadableCustomers: 0,
    unreadableDocuments: 0,
  };
  // Remembered across an interruption: the pages read before it count too.
  let sweepSkipped = resume && Number(saved.sweep_skipped) === 1;

  const save = (status: 'running' | 'done' | 'failed', extra: { last_error?: string | null; finished_at?: string | null; last_success_ms?: number } = {}) =>
    writeTransaction(db, async (trx) => {
      const values = {
        status,
        next_page: page,
        started_at: startedAt,
        updated_at: new Date().toISOString(),
        finished_at: extra.finished_at ?? null,
        customers_done: progress.customers,
        documents_done: progress.documents,
        last_error: extra.last_error ?? null,
        sweep_skipped: sweepSkipped ? 1 : 0,
        // Kept through later runs, so the metrics always have the last success.
        ...(status === 'done' ? { last_success_at: extra.finished_at ?? null, last_success_ms: extra.last_success_ms ?? null } : {}),
      };
      await trx
        .insertInto('sync_state')
        .values({ name: FULL_SYNC, ...values })
        .onConflict((oc) => oc.column('name').doUpdateSet(values))
        .execute();
    });

  await save('running');
  try {
    for (;;) {
      await pause();
      const result = await artemis.listCustomers({ page, size: pageSize });
      const batch: CustomerWithDocuments[] = await mapLimit(result.customers, concurrency, async (customer) => {
        await pause();
        return { customer, ...(await documentsOf(artemis, customer.id)) };
      });
      progress.documents += await indexCustomers(db, batch, thresholds);
      const kept = rowsKeptFor(result.unreadable);
      await keepCustomersInIndex(db, kept.ids);
      if (kept.all) sweepSkipped = true;
      progress.unreadableCustomers += result.unreadable.length;
      progress.unreadableDocuments += batch.reduce((n, b) => n + (b.unreadable?.length ?? 0), 0);
      progress.customers += batch.length;
      page += 1;
      progress.page = page;
      progress.totalPages = result.totalPages;
      progress.totalCustomers = result.totalElements;
      await save('running');
      options.onProgress?.({ ...progress });
      if (result.last ?? result.customers.length + result.unreadable.length < pageSize) break;
    }
  } catch (error) {
    await save('failed', { last_error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }

  const removed = sweepSkipped
    ? 0
    : await writeTransaction(db, async (trx) => {
        const docs = await trx.deleteFrom('document_index').where('synced_at', '<', startedAt).executeTakeFirst();
        await trx.deleteFrom('customer_index').where('synced_at', '<', startedAt).execute();
        return Number(docs.numDeletedRows);
      });
  await save('done', { finished_at: new Date().toISOString(), last_success_ms: Date.now() - began });
  return { ...progress, resumedFromPage: resume ? saved.next_page : undefined, removed, sweepSkipped, durationMs: Date.now() - began };
}

/** Re-reads one customer and their documents (the callback's work); unknown customers leave the index. */
export async function syncCustomer(
  db: Kysely<Database>,
  artemis: ArtemisClient,
  thresholds: Thresholds,
  customerId: number,
): Promise<{ documents: number; removed: boolean; unreadable: number }> {
  const customer = await artemis.getCustomer(customerId);
  if (!customer) {
    await removeCustomerFromIndex(db, customerId);
    return { documents: 0, removed: true, unreadable: 0 };
  }
  const { documents, unreadable } = await documentsOf(artemis, customerId);
  return { documents: await indexCustomers(db, [{ customer, documents, unreadable }], thresholds), removed: false, unreadable: unreadable.length };
}

export type SyncStatus = {
  status: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  customers: number;
  documents: number;
  lastError: string | null;
  /** The last complete run, whatever runs since: when it finished and how long it took. */
  lastSuccess: { at: string; ms: number } | undefined;
};

export async function readSyncStatus(db: Kysely<Database>): Promise<SyncStatus | undefined> {
  const s = await db.selectFrom('sync_state').selectAll().where('name', '=', FULL_SYNC).executeTakeFirst();
  if (!s) return undefined;
  return {
    status: s.status,
    startedAt: s.started_at,
    updatedAt: s.updated_at,
    finishedAt: s.finished_at,
    customers: s.customers_done,
    documents: s.documents_done,
    lastError: s.last_error,
    lastSuccess: s.last_success_at && s.last_success_ms !== null ? { at: s.last_success_at, ms: Number(s.last_success_ms) } : undefined,
  };
}

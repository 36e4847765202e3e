import 'server-only';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { readSyncStatus, type SyncStatus } from '@/lib/document-index/sync';
import { queryQueue, type QueuePage } from './query';
import type { QueueFilters } from './filters';

export type QueueView = QueuePage & { user: CurrentUser; sync: SyncStatus | undefined };

/** The queue page's data, from the local index only (every role may see the queue). */
export async function loadQueue(filters: QueueFilters): Promise<QueueView> {
  const user = await requireUser();
  const db = await getDb();
  const [page, sync] = await Promise.all([queryQueue(db, filters), readSyncStatus(db)]);
  return { ...page, user, sync };
}

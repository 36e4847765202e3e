import 'server-only';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { readSyncStatus, type SyncStatus } from '@/lib/document-index/sync';
import { assignablePeople } from '@/lib/case-work/cases';
import { queryQueue, type QueuePage } from './query';
import type { QueueFilters } from './filters';

/** `renderedAt`: the instant the overdue count was taken, which the browser's due labels start from. */
export type QueueView = QueuePage & { user: CurrentUser; sync: SyncStatus | undefined; renderedAt: number; people: { id: string; label: string }[] | null };

/** The queue page's data, from the local index only (every role may see the queue). */
export async function loadQueue(filters: QueueFilters): Promise<QueueView> {
  const user = await requireUser();
  const db = await getDb();
  const now = new Date();
  const [page, sync, people] = await Promise.all([
    queryQueue(db, filters, { userId: user.id, now, slaHours: getEnv().reviewSlaHours }),
    readSyncStatus(db),
    assignablePeople(user),
  ]);
  return { ...page, user, sync, renderedAt: now.getTime(), people };
}

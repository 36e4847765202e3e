import 'server-only';
import { parseDocumentKeyId, type DocumentKey } from '@/lib/ids';
import { type Kysely } from 'kysely';
import { getDb, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { conditions, sortOf } from './query';
import { parseQueueFilters, type QueueFilters } from './filters';

type FilterInput = QueueFilters | URLSearchParams | Record<string, string | string[] | undefined>;

function isParsed(input: FilterInput): input is QueueFilters {
  return !(input instanceof URLSearchParams) && typeof (input as Partial<QueueFilters>).page === 'number';
}

function normalise(input: FilterInput): QueueFilters {
  const base = isParsed(input) ? input : parseQueueFilters(input);
  // "Next" always walks the queue itself, from its first page.
  return { ...base, tab: 'queue', page: 1 };
}

/**
 * The next document of the queue view `filterParams` after the current one: needing review, not
 * the current document, and not held by someone else's live claim (claims of `userId` and
 * expired ones do not count). Documents assigned to `userId` come first, then unassigned ones;
 * those assigned to someone else are theirs. Within each, prefers documents after the current one
 * in the view's order and wraps around to the start; null when nothing is left.
 */
export async function nextDocumentAfter(
  currentCustomerId: number | undefined,
  currentDocumentId: number | undefined,
  filterParams: FilterInput,
  userId: string,
  options: { db?: Kysely<Database>; now?: Date } = {},
): Promise<DocumentKey | null> {
  const db = options.db ?? (await getDb());
  const now = (options.now ?? new Date()).toISOString();
  const f = normalise(filterParams);
  const { column, desc } = sortOf(f);

  const current =
    currentCustomerId !== undefined && currentDocumentId !== undefined
      ? await db
          .selectFrom('document_index')
          .select(['updated_at', 'confidence', 'decided_at', 'queued_at'])
          .where('customer_id', '=', currentCustomerId)
          .where('document_id', '=', currentDocumentId)
          .executeTakeFirst()
      : undefined;

  const viewer = { userId, now: new Date(now), slaHours: getEnv().reviewSlaHours };
  const find = async (afterCurrent: boolean, assigned: 'mine' | 'unassigned') => {
    const row = await db
      .selectFrom('document_index')
      .select(['customer_id', 'document_id'])
      .where((eb) => {
        const c = conditions(eb, f, viewer);
        c.push(assigned === 'mine' ? eb('assigned_to', '=', userId) : eb('assigned_to', 'is', null));
        if (currentCustomerId !== undefined && currentDocumentId !== undefined) {
          c.push(eb.not(eb.and([eb('customer_id', '=', currentCustomerId), eb('document_id', '=', currentDocumentId)])));
        }
        c.push(
          eb.not(
            eb.exists(
              eb
                .selectFrom('document_claims')
                .select('document_claims.user_id')
                .whereRef('document_claims.customer_id', '=', 'document_index.customer_id')
                .whereRef('document_claims.document_id', '=', 'document_index.document_id')
                .where('document_claims.expires_at', '>', now)
                .where('document_claims.user_id', '<>', userId),
            ),
          ),
        );
        const key = current?.[column];
        if (afterCurrent && key !== null && key !== undefined) {
          // Keyset: strictly after the current document in (sort column, customer id, document id) order.
          c.push(
            eb.or([
              eb(column, desc ? '<' : '>', key),
              eb.and([
                eb(column, '=', key),
                eb.or([
                  eb('customer_id', '>', currentCustomerId!),
                  eb.and([eb('customer_id', '=', currentCustomerId!), eb('document_id', '>', currentDocumentId!)]),
                ]),
              ]),
            ]),
          );
        }
        return eb.and(c);
      })
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('customer_id')
      .orderBy('document_id')
      .limit(1)
      .executeTakeFirst();
    return row ? { customerId: Number(row.customer_id), documentId: Number(row.document_id) } : null;
  };

  for (const assigned of ['mine', 'unassigned'] as const) {
    const found = (current ? await find(true, assigned) : null) ?? (await find(false, assigned));
    if (found) return found;
  }
  return null;
}

/**
 * What `Next document in queue` opens, from its link's query (the view's filters and
 * `after=customerId:documentId`): the route that follows the link and the read-ahead both ask here.
 */
export async function nextInQueue(params: URLSearchParams, userId: string): Promise<DocumentKey | null> {
  const after = parseDocumentKeyId(params.get('after'));
  return nextDocumentAfter(after?.customerId, after?.documentId, params, userId);
}

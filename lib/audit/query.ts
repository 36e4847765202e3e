import 'server-only';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { getDb, type Database } from '@/lib/db';
import type { AuditEventRow } from '@/lib/db/schema';
import { actionsWithOutcome } from './actions';
import { dayAfter, dayStart, type AuditCursor, type AuditFilters } from './filters';
import { ATTEMPTED, FINAL_OUTCOMES } from './outcomes';
import { toEvent, type AuditEvent } from './trail';

type EventsQuery<O> = SelectQueryBuilder<Database, 'audit_events', O>;

/** The events of a date filter as a range of seq; null when no event falls in it. */
export type SeqRange = { min?: number; max?: number } | null;

/**
 * Time never goes backwards along the chain (chainedTime), so the events of a date range are
 * exactly those from the first one at or after its start to the last one before its end. As a
 * seq range, a date filter combines with every (column, seq) index; as a time range alone, a
 * narrow range far back made the database walk every newer event first (over a second with a
 * million events).
 */
async function seqRangeOf(db: Kysely<Database>, filters: Pick<AuditFilters, 'from' | 'to'>): Promise<SeqRange> {
  const range: { min?: number; max?: number } = {};
  if (filters.from) {
    const first = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('occurred_at', '>=', dayStart(filters.from))
      .orderBy('occurred_at')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!first) return null;
    range.min = Number(first.seq);
  }
  if (filters.to) {
    const last = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('occurred_at', '<', dayAfter(filters.to))
      .orderBy('occurred_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return null;
    range.max = Number(last.seq);
  }
  return range.min !== undefined && range.max !== undefined && range.min > range.max ? null : range;
}

/**
 * Filters → WHERE clauses; shared by the page, the CSV export and the statistics. `range` is
 * seqRangeOf(filters), which callers read first (and skip the query when it is null). `upToSeq`
 * reads the chain as it stood then, outcomes included (an export's view of a moving trail).
 */
function applyAuditFilters<O>(query: EventsQuery<O>, filters: AuditFilters, range: NonNullable<SeqRange> = {}, upToSeq?: number): EventsQuery<O> {
  let q = upToSeq === undefined ? query : query.where('audit_events.seq', '<=', upToSeq);
  if (filters.actor) q = q.where('audit_events.actor_email', '=', filters.actor);
  if (filters.from) q = q.where('audit_events.occurred_at', '>=', dayStart(filters.from));
  if (filters.to) q = q.where('audit_events.occurred_at', '<', dayAfter(filters.to));
  if (range.min !== undefined) q = q.where('audit_events.seq', '>=', range.min);
  if (range.max !== undefined) q = q.where('audit_events.seq', '<=', range.max);
  if (filters.customerId) q = q.where('audit_events.customer_id', '=', filters.customerId);
  if (filters.documentId) q = q.where('audit_events.document_id', '=', filters.documentId);
  if (filters.action) q = q.where('audit_events.action', '=', filters.action);
  if (filters.reasonCode) q = q.where('audit_events.reason_code', '=', filters.reasonCode);
  if (filters.outcome === 'unknown') {
    q = attemptsWithoutFinalOutcome(q, upToSeq);
  } else if (filters.outcome) {
    q = q.where('audit_events.action', 'in', actionsWithOutcome(filters.outcome));
  }
  return q;
}

/** Override attempts that no final outcome (up to `upToSeq`, when given) names yet: unknown, or their process died. */
export function attemptsWithoutFinalOutcome<O>(query: EventsQuery<O>, upToSeq?: number): EventsQuery<O> {
  return query.where('audit_events.action', '=', ATTEMPTED).where(({ not, exists, selectFrom }) => {
    const outcomes = selectFrom('audit_events as outcome')
      .select('outcome.seq')
      .whereRef('outcome.correlation_id', '=', 'audit_events.id')
      .where('outcome.action', 'in', FINAL_OUTCOMES);
    return not(exists(upToSeq === undefined ? outcomes : outcomes.where('outcome.seq', '<=', upToSeq)));
  });
}

export type AuditListEvent = AuditEvent & {
  /** For an attempt: the action of its latest outcome (final, else unknown), or null while none exists. */
  outcomeAction?: string | null;
};

export type AuditPage = {
  events: AuditListEvent[];
  /** Cursor for the next page of older events, when there is one. */
  older?: AuditCursor;
  /** Cursor for the page of newer events, when there is one. */
  newer?: AuditCursor;
};

const AUDIT_PAGE_SIZE = 50;

/** One page, newest first, by keyset on seq (no OFFSET: every page costs the same). */
export async function listAuditEvents(
  filters: AuditFilters,
  cursor: AuditCursor = {},
  options: { limit?: number; db?: Kysely<Database> } = {},
): Promise<AuditPage> {
  const db = options.db ?? (await getDb());
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const range = await seqRangeOf(db, filters);
  if (range === null) return { events: [], ...(cursor.before !== undefined ? { newer: { after: cursor.before - 1 } } : {}) };
  let q = applyAuditFilters(db.selectFrom('audit_events').selectAll('audit_events'), filters, range);
  const goingNewer = cursor.after !== undefined && cursor.before === undefined;
  if (goingNewer) q = q.where('audit_events.seq', '>', cursor.after!).orderBy('audit_events.seq', 'asc');
  else {
    if (cursor.before !== undefined) q = q.where('audit_events.seq', '<', cursor.before);
    q = q.orderBy('audit_events.seq', 'desc');
  }
  const rows = (await q.limit(limit + 1).execute()) as AuditEventRow[];
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (goingNewer) pageRows.reverse();
  const events: AuditListEvent[] = pageRows.map(toEvent);

  const attempts = events.filter((e) => e.action === ATTEMPTED).map((e) => e.id);
  if (attempts.length > 0) {
    const outcomes = await db.selectFrom('audit_events').select(['correlation_id', 'action']).where('correlation_id', 'in', attempts).orderBy('seq').execute();
    const byAttempt = new Map(outcomes.map((o) => [o.correlation_id, o.action]));
    for (const e of events) if (e.action === ATTEMPTED) e.outcomeAction = byAttempt.get(e.id) ?? null;
  }

  const first = events[0]?.seq;
  const last = events.at(-1)?.seq;
  const page: AuditPage = { events };
  if (goingNewer) {
    if (more && first !== undefined) page.newer = { after: first };
    if (last !== undefined) page.older = { before: last };
  } else {
    if (more && last !== undefined) page.older = { before: last };
    if (cursor.before !== undefined && first !== undefined) page.newer = { after: first };
  }
  // A page reached from a cursor may be empty; offer the way back.
  if (events.length === 0 && cursor.before !== undefined) page.newer = { after: cursor.before - 1 };
  return page;
}

/** `upToSeq` bounds a read to the chain as it stood then (an export's view of a moving trail). */
type ExportOptions = { batchSize?: number; db?: Kysely<Database>; upToSeq?: number };

/** How many events match, up to `upToSeq`. */
export async function countAuditEvents(filters: AuditFilters, options: Omit<ExportOptions, 'batchSize'> = {}): Promise<number> {
  const db = options.db ?? (await getDb());
  const range = await seqRangeOf(db, filters);
  if (range === null) return 0;
  const row = await applyAuditFilters(db.selectFrom('audit_events'), filters, range, options.upToSeq)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every matching event, oldest first, in keyset batches: memory stays at one batch whatever
 * the size of the trail.
 */
export async function* iterateAuditEvents(filters: AuditFilters, options: ExportOptions = {}): AsyncGenerator<AuditEventRow[]> {
  const db = options.db ?? (await getDb());
  const batchSize = options.batchSize ?? 1000;
  const range = await seqRangeOf(db, filters);
  if (range === null) return;
  let afterSeq = 0;
  for (;;) {
    const rows = (await applyAuditFilters(db.selectFrom('audit_events').selectAll('audit_events'), filters, range, options.upToSeq)
      .where('audit_events.seq', '>', afterSeq)
      .orderBy('audit_events.seq', 'asc')
      .limit(batchSize)
      .execute()) as AuditEventRow[];
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    afterSeq = Number(rows.at(-1)!.seq);
  }
}

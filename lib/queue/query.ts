import 'server-only';
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '@/lib/db';
import { activeClaims, type Claim } from './claims';
import { FLAG_KINDS, type FlagKind, type QueueFlag } from './flags';
import type { QueueFilters } from './filters';

export const QUEUE_PAGE_SIZE = 25;

type Eb = ExpressionBuilder<Database, 'document_index'>;
type Dimension = 'flag' | 'status' | 'risk' | 'reviewed';

export type QueueRow = {
  customerId: number;
  documentId: number;
  customerName: string | null;
  customerStatus: string | null;
  customerRiskRating: string | null;
  customerReferenceId: string | null;
  documentType: string | null;
  confidence: number | null;
  flags: QueueFlag[];
  hasHumanDecision: boolean;
  decidedAt: string | null;
  decidedBy: string | null;
  updatedAt: string | null;
  claim: Claim | undefined;
};

export type QueueCounts = {
  queue: number;
  decided: number;
  flags: Record<FlagKind, number>;
  statuses: { value: string; count: number }[];
  risks: { value: string; count: number }[];
  reviewed: { no: number; yes: number };
};

export type QueuePage = { rows: QueueRow[]; total: number; page: number; pageCount: number; counts: QueueCounts };

/**
 * The WHERE of a queue view. `except` leaves one dimension out, for the count of each of its
 * options next to the others (faceted counts).
 */
export function conditions(eb: Eb, f: QueueFilters, except?: Dimension): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.tab === 'decided') c.push(eb('has_human_decision', '=', 1));
  else {
    c.push(eb('needs_review', '=', 1));
    if (except !== 'reviewed' && f.reviewed !== 'all') c.push(eb('has_human_decision', '=', f.reviewed === 'yes' ? 1 : 0));
  }
  if (except !== 'flag' && f.flag) c.push(eb('flag_kinds', 'like', `%,${f.flag},%`));
  if (f.cmin !== undefined) c.push(eb('confidence', '>=', f.cmin));
  if (f.cmax !== undefined) c.push(eb('confidence', '<=', f.cmax));
  if (except !== 'status' && f.status) c.push(eb('customer_status', '=', f.status));
  if (except !== 'risk' && f.risk) c.push(eb('customer_risk_rating', '=', f.risk));
  return c;
}

/** Sort column and direction; ties are always broken by customer then document id. */
export function sortOf(f: QueueFilters): { column: 'updated_at' | 'confidence' | 'decided_at'; desc: boolean } {
  if (f.tab === 'decided') return { column: 'decided_at', desc: true };
  if (f.sort === 'newest') return { column: 'updated_at', desc: true };
  if (f.sort === 'confidence') return { column: 'confidence', desc: false };
  return { column: 'updated_at', desc: false };
}

type RawRow = {
  customer_id: number | string;
  document_id: number | string;
  customer_name: string | null;
  customer_status: string | null;
  customer_risk_rating: string | null;
  customer_reference_id: string | null;
  document_type: string | null;
  confidence: number | null;
  flags_json: string;
  has_human_decision: number;
  decided_at: string | null;
  decided_by: string | null;
  updated_at: string | null;
};

function parseFlags(json: string): QueueFlag[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as QueueFlag[]) : [];
  } catch {
    return [];
  }
}

export function toQueueRow(r: RawRow, claim?: Claim): QueueRow {
  return {
    customerId: Number(r.customer_id),
    documentId: Number(r.document_id),
    customerName: r.customer_name,
    customerStatus: r.customer_status,
    customerRiskRating: r.customer_risk_rating,
    customerReferenceId: r.customer_reference_id,
    documentType: r.document_type,
    confidence: r.confidence === null ? null : Number(r.confidence),
    flags: parseFlags(r.flags_json),
    hasHumanDecision: Number(r.has_human_decision) === 1,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    updatedAt: r.updated_at,
    claim,
  };
}

export const ROW_COLUMNS = [
  'customer_id',
  'document_id',
  'customer_name',
  'customer_status',
  'customer_risk_rating',
  'customer_reference_id',
  'document_type',
  'confidence',
  'flags_json',
  'has_human_decision',
  'decided_at',
  'decided_by',
  'updated_at',
] as const;

type FacetRow = Record<string, unknown> & { customer_status: string | null; customer_risk_rating: string | null };

/**
 * Every count the page shows, in one pass over the index: one conditional sum per count, each
 * with the same conditions() as the list, grouped by status and risk for their own facets.
 * (Nine separate counting queries took about 20 ms with 20,000 documents on PostgreSQL.)
 */
async function countFacets(db: Kysely<Database>, f: QueueFilters): Promise<{ total: number; counts: QueueCounts }> {
  const asQueue = { ...f, tab: 'queue' as const };
  // Count name → the conditions of the rows it counts.
  const counted: Record<string, (eb: Eb) => Expression<SqlBool>[]> = {
    total: (eb) => conditions(eb, f),
    queue: (eb) => conditions(eb, asQueue),
    decided: (eb) => conditions(eb, { ...f, tab: 'decided' }),
    reviewedNo: (eb) => conditions(eb, { ...asQueue, reviewed: 'no' }),
    reviewedYes: (eb) => conditions(eb, { ...asQueue, reviewed: 'yes' }),
    byStatus: (eb) => conditions(eb, f, 'status'),
    byRisk: (eb) => conditions(eb, f, 'risk'),
    ...Object.fromEntries(
      FLAG_KINDS.map(({ kind }, i) => [`flag${i}`, (eb: Eb) => [...conditions(eb, f, 'flag'), eb('flag_kinds', 'like', `%,${kind},%`)]]),
    ),
  };
  const rows = (await db
    .selectFrom('document_index')
    .select((eb) => [
      'customer_status',
      'customer_risk_rating',
      ...Object.entries(counted).map(([name, where]) => sql<number | string>`sum(case when ${eb.and(where(eb))} then 1 else 0 end)`.as(name)),
    ])
    // Only rows that some count can include; every sum applies its own conditions.
    .where((eb) => eb.or([eb('needs_review', '=', 1), eb('has_human_decision', '=', 1)]))
    .groupBy(['customer_status', 'customer_risk_rating'])
    .execute()) as FacetRow[];

  const total = (name: string) => rows.reduce((n, r) => n + Number(r[name] ?? 0), 0);
  const facet = (column: 'customer_status' | 'customer_risk_rating', name: string) => {
    const byValue = new Map<string, number>();
    for (const r of rows) {
      const value = r[column];
      if (typeof value === 'string') byValue.set(value, (byValue.get(value) ?? 0) + Number(r[name] ?? 0));
    }
    return [...byValue]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([value, count]) => ({ value, count }));
  };
  return {
    total: total('total'),
    counts: {
      queue: total('queue'),
      decided: total('decided'),
      flags: Object.fromEntries(FLAG_KINDS.map(({ kind }, i) => [kind, total(`flag${i}`)])) as Record<FlagKind, number>,
      statuses: facet('customer_status', 'byStatus'),
      risks: facet('customer_risk_rating', 'byRisk'),
      reviewed: { no: total('reviewedNo'), yes: total('reviewedYes') },
    },
  };
}

export async function queryQueue(db: Kysely<Database>, f: QueueFilters, now = new Date()): Promise<QueuePage> {
  const { column, desc } = sortOf(f);
  const { total, counts } = await countFacets(db, f);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(f.page, pageCount);
  const raw = await db
    .selectFrom('document_index')
    .select(ROW_COLUMNS)
    .where((eb) => eb.and(conditions(eb, f)))
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('customer_id')
    .orderBy('document_id')
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .execute();
  const claims = await activeClaims(
    db,
    raw.map((r) => ({ customerId: Number(r.customer_id), documentId: Number(r.document_id) })),
    now,
  );
  const rows = raw.map((r) => toQueueRow(r, claims.get(`${Number(r.customer_id)}:${Number(r.document_id)}`)));
  return { rows, total, page, pageCount, counts };
}

import { documentKeyId } from '@/lib/ids';
import 'server-only';
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import { activeClaims, type Claim } from '@/lib/claims/claims';
import { countQaAwaiting } from '@/lib/calibration/qa-samples';
import { dueAt, overdueBefore } from '@/lib/case-work/due';
import type { Database } from '@/lib/db';
import { countPendingProposals } from '@/lib/overrides/proposals';
import { FLAG_KINDS, type FlagKind, type QueueFlag } from '@/lib/liveness/flags';
import { DEFAULT_FILTERS, type QueueFilters, type QueueTab } from './filters';

const QUEUE_PAGE_SIZE = 25;

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
  /** REVIEW_SLA_HOURS after the document entered the queue; null once it has a human decision. */
  dueAt: string | null;
  claim: Claim | undefined;
};

export type QueueCounts = {
  queue: number;
  /** Of the queue's documents, those past their due time. */
  overdue: number;
  decided: number;
  flags: Record<FlagKind, number>;
  statuses: { value: string; count: number }[];
  risks: { value: string; count: number }[];
  reviewed: { no: number; yes: number };
};

export type QueuePage = { rows: QueueRow[]; total: number; page: number; pageCount: number; counts: QueueCounts };

/** The index columns the counts are grouped by: every filter but the confidence range reads only these. */
type FacetGroup = {
  needs_review: number | string;
  has_human_decision: number | string;
  customer_status: string | null;
  customer_risk_rating: string | null;
  flag_kinds: string;
  overdue: number | string;
  n: number | string;
};

/**
 * One condition of a queue view, both as SQL (for the list) and as a test on a row of counts
 * grouped by the columns it reads (for the counts), side by side so that the two cannot drift.
 * The confidence range has no test: it is the same for every count, so it filters the grouped
 * rows in SQL instead.
 */
type Clause = { sql: (eb: Eb) => Expression<SqlBool>; test?: (g: FacetGroup) => boolean };

const flagPattern = (kind: FlagKind) => `,${kind},`;

/** `except` leaves one dimension out, for the count of each of its options next to the others (faceted counts). */
function clauses(f: QueueFilters, except?: Dimension): Clause[] {
  const c: Clause[] = [];
  const equals = (column: 'needs_review' | 'has_human_decision', value: 0 | 1): Clause => ({
    sql: (eb) => eb(column, '=', value),
    test: (g) => Number(g[column]) === value,
  });
  if (f.tab === 'decided') c.push(equals('has_human_decision', 1));
  else {
    c.push(equals('needs_review', 1));
    if (except !== 'reviewed' && f.reviewed !== 'all') c.push(equals('has_human_decision', f.reviewed === 'yes' ? 1 : 0));
  }
  const { flag, cmin, cmax, status, risk } = f;
  if (except !== 'flag' && flag)
    c.push({ sql: (eb) => eb('flag_kinds', 'like', `%${flagPattern(flag)}%`), test: (g) => g.flag_kinds.includes(flagPattern(flag)) });
  if (cmin !== undefined) c.push({ sql: (eb) => eb('confidence', '>=', cmin) });
  if (cmax !== undefined) c.push({ sql: (eb) => eb('confidence', '<=', cmax) });
  if (except !== 'status' && status) c.push({ sql: (eb) => eb('customer_status', '=', status), test: (g) => g.customer_status === status });
  if (except !== 'risk' && risk) c.push({ sql: (eb) => eb('customer_risk_rating', '=', risk), test: (g) => g.customer_risk_rating === risk });
  return c;
}

/** The WHERE of a queue view. */
export function conditions(eb: Eb, f: QueueFilters, except?: Dimension): Expression<SqlBool>[] {
  return clauses(f, except).map((clause) => clause.sql(eb));
}

/** Sort column and direction; ties are always broken by customer then document id. */
export function sortOf(f: QueueFilters): { column: 'updated_at' | 'confidence' | 'decided_at' | 'queued_at'; desc: boolean } {
  if (f.tab === 'decided') return { column: 'decided_at', desc: true };
  if (f.sort === 'due') return { column: 'queued_at', desc: false };
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
  queued_at: string | null;
};

function parseFlags(json: string): QueueFlag[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as QueueFlag[]) : [];
  } catch {
    return [];
  }
}

function toQueueRow(r: RawRow, slaHours: number, claim?: Claim): QueueRow {
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
    dueAt: r.queued_at && Number(r.has_human_decision) === 0 ? dueAt(r.queued_at, slaHours) : null,
    claim,
  };
}

/** A queue row as the table shows it: a claim by who holds it, without their account id. */
export type QueueTableRow = Omit<QueueRow, 'claim'> & { claim: { byViewer: boolean; userLabel: string } | undefined };

export function queueTableRows(rows: QueueRow[], viewerId: string): QueueTableRow[] {
  return rows.map(({ claim, ...row }) => ({ ...row, claim: claim && { byViewer: claim.userId === viewerId, userLabel: claim.userLabel } }));
}

const ROW_COLUMNS = [
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
  'queued_at',
] as const;

/**
 * Every count the page shows, from one grouped read of the index: the documents any count can
 * include, counted per combination of the columns the filters test (a few dozen groups), then
 * each count summed over the groups its conditions accept, rather than a conditional sum per
 * count over every row. A covering index serves the read.
 */
async function countFacets(db: Kysely<Database>, f: QueueFilters, overdueBefore: string): Promise<{ total: number; counts: QueueCounts }> {
  const overdue = sql<number>`case when needs_review = 1 and has_human_decision = 0 and queued_at < ${overdueBefore} then 1 else 0 end`;
  const groups = (await db
    .selectFrom('document_index')
    .select((eb) => [
      'needs_review',
      'has_human_decision',
      'customer_status',
      'customer_risk_rating',
      'flag_kinds',
      overdue.as('overdue'),
      eb.fn.countAll().as('n'),
    ])
    // The documents some count can include (in the queue, or decided), written as row values so
    // that the covering index serves it: as an OR of the two columns, SQLite read the table for one side.
    .where(sql<SqlBool>`(needs_review, has_human_decision) in (values (1, 0), (1, 1), (0, 1))`)
    .where((eb) =>
      eb.and(
        clauses(f)
          .filter((c) => !c.test)
          .map((c) => c.sql(eb)),
      ),
    )
    // By the output column's name: the expression's parameter would make a second, different one.
    .groupBy(['needs_review', 'has_human_decision', 'customer_status', 'customer_risk_rating', 'flag_kinds', sql.ref('overdue')])
    .execute()) as FacetGroup[];

  const accepted = (f2: QueueFilters, except?: Dimension) => {
    const tests = clauses(f2, except).flatMap((c) => (c.test ? [c.test] : []));
    return groups.filter((g) => tests.every((test) => test(g)));
  };
  const sum = (rows: FacetGroup[]) => rows.reduce((n, g) => n + Number(g.n), 0);
  const facet = (column: 'customer_status' | 'customer_risk_rating', rows: FacetGroup[]) => {
    const byValue = new Map<string, number>();
    for (const g of rows) {
      const value = g[column];
      if (typeof value === 'string') byValue.set(value, (byValue.get(value) ?? 0) + Number(g.n));
    }
    return [...byValue]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([value, count]) => ({ value, count }));
  };
  const asQueue = { ...f, tab: 'queue' as const };
  return {
    total: sum(accepted(f)),
    counts: {
      queue: sum(accepted(asQueue)),
      overdue: sum(accepted(asQueue).filter((g) => Number(g.overdue) === 1)),
      decided: sum(accepted({ ...f, tab: 'decided' })),
      // Each flag's count: this view with that flag chosen instead.
      flags: Object.fromEntries(FLAG_KINDS.map(({ kind }) => [kind, sum(accepted({ ...f, flag: kind }))])) as Record<FlagKind, number>,
      statuses: facet('customer_status', accepted(f, 'status')),
      risks: facet('customer_risk_rating', accepted(f, 'risk')),
      reviewed: { no: sum(accepted({ ...asQueue, reviewed: 'no' })), yes: sum(accepted({ ...asQueue, reviewed: 'yes' })) },
    },
  };
}

export async function queryQueue(db: Kysely<Database>, f: QueueFilters, slaHours: number, now = new Date()): Promise<QueuePage> {
  const { column, desc } = sortOf(f);
  const { total, counts } = await countFacets(db, f, overdueBefore(slaHours, now));
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
  const rows = raw.map((r) => toQueueRow(r, slaHours, claims.get(documentKeyId(Number(r.customer_id), Number(r.document_id)))));
  return { rows, total, page, pageCount, counts };
}

/** How many documents each tab holds, unfiltered: the operators' queue-size metric. */
export async function countTabs(db: Kysely<Database>, slaHours: number, now = new Date()): Promise<{ tabs: Record<QueueTab, number>; overdue: number }> {
  const [{ counts }, proposals, qa] = await Promise.all([
    countFacets(db, DEFAULT_FILTERS, overdueBefore(slaHours, now)),
    countPendingProposals(db),
    countQaAwaiting(db),
  ]);
  return { tabs: { queue: counts.queue, decided: counts.decided, proposals, qa }, overdue: counts.overdue };
}

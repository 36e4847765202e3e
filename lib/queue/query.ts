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
  /** Who it is assigned to and whether it is escalated, in its current stay in the queue. */
  assignedLabel: string | null;
  escalated: boolean;
  claim: Claim | undefined;
};

export type QueueCounts = {
  queue: number;
  /** Escalated to the compliance lead: out of the queue until an admin decides or returns them. */
  escalated: number;
  /** Assigned to the viewer. */
  assigned: number;
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
  escalated: number | string;
  mine: number | string;
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

/** Who looks at the queue, and when: the assigned tab is theirs, the overdue count is as of then. */
export type Viewer = { userId: string; now: Date; slaHours: number };

/** Columns the views and counts derive per row (0 or 1): overdue, escalated in this stay, assigned to the viewer. */
function derivedColumns(viewer: Viewer) {
  const inQueue = sql`needs_review = 1 and has_human_decision = 0`;
  return {
    overdue: sql<number>`case when ${inQueue} and queued_at < ${overdueBefore(viewer.slaHours, viewer.now)} then 1 else 0 end`,
    escalated: sql<number>`case when ${inQueue} and escalated_at is not null then 1 else 0 end`,
    mine: sql<number>`case when assigned_to = ${viewer.userId} then 1 else 0 end`,
  };
}

/** `except` leaves one dimension out, for the count of each of its options next to the others (faceted counts). */
function clauses(f: QueueFilters, viewer: Viewer, except?: Dimension): Clause[] {
  const c: Clause[] = [];
  const equals = (column: 'needs_review' | 'has_human_decision', value: 0 | 1): Clause => ({
    sql: (eb) => eb(column, '=', value),
    test: (g) => Number(g[column]) === value,
  });
  const derived = (column: 'escalated' | 'mine', value: 0 | 1): Clause => ({
    sql: () => sql<SqlBool>`${derivedColumns(viewer)[column]} = ${value}`,
    test: (g) => Number(g[column]) === value,
  });
  if (f.tab === 'decided') c.push(equals('has_human_decision', 1));
  else if (f.tab === 'escalated') c.push(equals('needs_review', 1), equals('has_human_decision', 0), derived('escalated', 1));
  else if (f.tab === 'assigned') c.push(equals('needs_review', 1), equals('has_human_decision', 0), derived('escalated', 0), derived('mine', 1));
  else {
    c.push(equals('needs_review', 1), derived('escalated', 0));
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
export function conditions(eb: Eb, f: QueueFilters, viewer: Viewer, except?: Dimension): Expression<SqlBool>[] {
  return clauses(f, viewer, except).map((clause) => clause.sql(eb));
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
  needs_review: number | string;
  assigned_label: string | null;
  escalated_at: string | null;
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
    ...(Number(r.needs_review) === 1 && Number(r.has_human_decision) === 0
      ? { assignedLabel: r.assigned_label, escalated: r.escalated_at !== null }
      : { assignedLabel: null, escalated: false }),
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
  'needs_review',
  'assigned_label',
  'escalated_at',
] as const;

/**
 * Every count the page shows, from one grouped read of the index: the documents any count can
 * include, counted per combination of the columns the filters test (a few dozen groups), then
 * each count summed over the groups its conditions accept, rather than a conditional sum per
 * count over every row. A covering index serves the read.
 */
async function countFacets(db: Kysely<Database>, f: QueueFilters, viewer: Viewer): Promise<{ total: number; counts: QueueCounts }> {
  const derived = derivedColumns(viewer);
  const groups = (await db
    .selectFrom('document_index')
    .select((eb) => [
      'needs_review',
      'has_human_decision',
      'customer_status',
      'customer_risk_rating',
      'flag_kinds',
      derived.overdue.as('overdue'),
      derived.escalated.as('escalated'),
      derived.mine.as('mine'),
      eb.fn.countAll().as('n'),
    ])
    // The documents some count can include (in the queue, or decided), written as row values so
    // that the covering index serves it: as an OR of the two columns, SQLite read the table for one side.
    .where(sql<SqlBool>`(needs_review, has_human_decision) in (values (1, 0), (1, 1), (0, 1))`)
    .where((eb) =>
      eb.and(
        clauses(f, viewer)
          .filter((c) => !c.test)
          .map((c) => c.sql(eb)),
      ),
    )
    // By the output columns' names: an expression's parameters would make a second, different one.
    .groupBy([
      'needs_review',
      'has_human_decision',
      'customer_status',
      'customer_risk_rating',
      'flag_kinds',
      sql.ref('overdue'),
      sql.ref('escalated'),
      sql.ref('mine'),
    ])
    .execute()) as FacetGroup[];

  const accepted = (f2: QueueFilters, except?: Dimension) => {
    const tests = clauses(f2, viewer, except).flatMap((c) => (c.test ? [c.test] : []));
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
      escalated: sum(accepted({ ...f, tab: 'escalated' })),
      assigned: sum(accepted({ ...f, tab: 'assigned' })),
      decided: sum(accepted({ ...f, tab: 'decided' })),
      // Each flag's count: this view with that flag chosen instead.
      flags: Object.fromEntries(FLAG_KINDS.map(({ kind }) => [kind, sum(accepted({ ...f, flag: kind }))])) as Record<FlagKind, number>,
      statuses: facet('customer_status', accepted(f, 'status')),
      risks: facet('customer_risk_rating', accepted(f, 'risk')),
      reviewed: { no: sum(accepted({ ...asQueue, reviewed: 'no' })), yes: sum(accepted({ ...asQueue, reviewed: 'yes' })) },
    },
  };
}

export async function queryQueue(db: Kysely<Database>, f: QueueFilters, viewer: Viewer): Promise<QueuePage> {
  const { column, desc } = sortOf(f);
  const { slaHours, now } = viewer;
  const rowsOf = (page: number) =>
    db
      .selectFrom('document_index')
      .select(ROW_COLUMNS)
      .where((eb) => eb.and(conditions(eb, f, viewer)))
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('customer_id')
      .orderBy('document_id')
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE)
      .execute();
  // The asked-for page is read beside the counts (PostgreSQL runs them on two connections); only a
  // page past the end, which the counts reveal, is read again as the last one.
  const [{ total, counts }, asked] = await Promise.all([countFacets(db, f, viewer), rowsOf(f.page)]);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(f.page, pageCount);
  const raw = page === f.page ? asked : await rowsOf(page);
  const claims = await activeClaims(
    db,
    raw.map((r) => ({ customerId: Number(r.customer_id), documentId: Number(r.document_id) })),
    now,
  );
  const rows = raw.map((r) => toQueueRow(r, slaHours, claims.get(documentKeyId(Number(r.customer_id), Number(r.document_id)))));
  return { rows, total, page, pageCount, counts };
}

/** The tabs the operators' metric counts: every one but a person's own. */
type CountedTab = Exclude<QueueTab, 'assigned'>;

/** How many documents each tab holds, unfiltered: the operators' queue-size metric. */
export async function countTabs(db: Kysely<Database>, slaHours: number, now = new Date()): Promise<{ tabs: Record<CountedTab, number>; overdue: number }> {
  const [{ counts }, proposals, qa] = await Promise.all([
    countFacets(db, DEFAULT_FILTERS, { userId: '', now, slaHours }),
    countPendingProposals(db),
    countQaAwaiting(db),
  ]);
  return { tabs: { queue: counts.queue, decided: counts.decided, escalated: counts.escalated, proposals, qa }, overdue: counts.overdue };
}

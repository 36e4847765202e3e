import 'server-only';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { UnreadableRecord } from '@/lib/artemis/records';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { latestAppliedDecisions, type AppliedDecision } from '@/lib/audit/decisions';
import { documentKeyId } from '@/lib/ids';
import { customerName } from '@/lib/format/display';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import type { DocumentIndexTable } from '@/lib/db/schema';
import { assessLiveness, type Thresholds } from '@/lib/liveness/assessment';
import { classifyFlags } from '@/lib/liveness/flags';

/** The columns of a document's case work (lib/case-work), which Artemis's answers never set. */
const CASE_COLUMNS = ['escalated_at', 'escalated_by', 'escalation_reason', 'assigned_to', 'assigned_label', 'assigned_at', 'sla_breached_at'] as const;

export type DocumentIndexValues = Required<Omit<Insertable<DocumentIndexTable>, (typeof CASE_COLUMNS)[number]>>;

/** The console's human decision on a document, as the index keeps it. */
export type Decision = Pick<AppliedDecision, 'decidedAt' | 'decidedBy'>;

const bool = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

export type CustomerFields = Pick<DocumentIndexValues, 'customer_name' | 'customer_status' | 'customer_risk_rating' | 'customer_reference_id'>;

function customerFields(customer: ArtemisCustomer): CustomerFields {
  return {
    customer_name: customerName(customer),
    customer_status: text(customer.status),
    customer_risk_rating: text(customer.riskRating),
    customer_reference_id: text(customer.referenceId),
  };
}

/** The index row of one document: the SPEC §7 assessment, kept with the customer's fields. */
export function documentIndexRow(
  customer: CustomerFields,
  document: ArtemisDocument,
  thresholds: Thresholds,
  decision: Decision | undefined,
  syncedAt: string,
): DocumentIndexValues {
  const a = assessLiveness(document.liveness as Record<string, unknown> | null | undefined, thresholds);
  const flags = classifyFlags(a);
  const inQueue = a.needsReview && !decision;
  return {
    customer_id: document.customerId,
    document_id: document.id,
    ...customer,
    document_type: text(document.type),
    document_number: text(document.number),
    liveness_result: bool(a.livenessResult),
    conclusion: bool(a.conclusion),
    facial_check: bool(a.facialCheck),
    confidence: a.confidence ?? null,
    flags_json: JSON.stringify(flags),
    flag_kinds: `,${[...new Set(flags.map((f) => f.kind))].join(',')},`,
    needs_review: a.needsReview ? 1 : 0,
    has_human_decision: decision ? 1 : 0,
    decided_at: decision?.decidedAt ?? null,
    decided_by: decision?.decidedBy ?? null,
    updated_at: toIsoTimestamp(document.updatedAt),
    synced_at: syncedAt,
    // Settled by the upsert: a row already in the queue keeps the time it entered.
    queued_at: inQueue ? syncedAt : null,
  };
}

const UPDATABLE: (keyof DocumentIndexValues)[] = [
  'customer_name',
  'customer_status',
  'customer_risk_rating',
  'customer_reference_id',
  'document_type',
  'document_number',
  'liveness_result',
  'conclusion',
  'facial_check',
  'confidence',
  'flags_json',
  'flag_kinds',
  'needs_review',
  'has_human_decision',
  'decided_at',
  'decided_by',
  'updated_at',
  'synced_at',
];

/** Rows per INSERT: well under SQLite's bound-parameter limit (21 columns each). */
const UPSERT_CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) out.push(rows.slice(i, i + UPSERT_CHUNK));
  return out;
}

/**
 * A stay in the queue (needing review, no human decision) starts when a row enters it: its
 * `queued_at` is then this write's time and its case work starts empty. A row that stays keeps
 * both; one that leaves keeps those of its last stay (the due-time figures read them).
 */
const entersQueue = sql<boolean>`(excluded.needs_review = 1 and excluded.has_human_decision = 0)
  and not (document_index.needs_review = 1 and document_index.has_human_decision = 0 and document_index.queued_at is not null)`;
const queuedAtOnConflict = sql<string | null>`case when ${entersQueue} then excluded.queued_at else document_index.queued_at end`;
const caseColumnOnConflict = (column: (typeof CASE_COLUMNS)[number]) =>
  sql<string | null>`case when ${entersQueue} then null else ${sql.ref(`document_index.${column}`)} end`;

async function upsertDocumentRows(db: Kysely<Database>, rows: DocumentIndexValues[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('document_index')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['customer_id', 'document_id']).doUpdateSet((eb) => ({
          ...Object.fromEntries(UPDATABLE.map((c) => [c, eb.ref(`excluded.${c}`)])),
          ...Object.fromEntries(CASE_COLUMNS.map((c) => [c, caseColumnOnConflict(c)])),
          queued_at: queuedAtOnConflict,
        })),
      )
      .execute();
  }
}

async function upsertCustomerRows(db: Kysely<Database>, customers: ArtemisCustomer[], syncedAt: string): Promise<void> {
  const values = customers.map((customer) => {
    const f = customerFields(customer);
    return {
      customer_id: customer.id,
      name: f.customer_name,
      name_lower: f.customer_name?.toLowerCase() ?? null,
      reference_id: f.customer_reference_id,
      reference_id_lower: f.customer_reference_id?.toLowerCase() ?? null,
      status: f.customer_status,
      risk_rating: f.customer_risk_rating,
      synced_at: syncedAt,
    };
  });
  for (const chunk of chunks(values)) {
    await db
      .insertInto('customer_index')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_lower: eb.ref('excluded.name_lower'),
          reference_id: eb.ref('excluded.reference_id'),
          reference_id_lower: eb.ref('excluded.reference_id_lower'),
          status: eb.ref('excluded.status'),
          risk_rating: eb.ref('excluded.risk_rating'),
          synced_at: eb.ref('excluded.synced_at'),
        })),
      )
      .execute();
  }
}

export type CustomerWithDocuments = {
  customer: ArtemisCustomer;
  documents: ArtemisDocument[];
  /** Documents Artemis listed that the console could not read: the rows they may stand for stay. */
  unreadable?: readonly UnreadableRecord[];
};

/**
 * The index rows that unreadable records may stand for, which nothing may drop: those of their
 * known ids, or every row when one's id is missing or malformed and so could be any of them.
 */
export function rowsKeptFor(unreadable: readonly UnreadableRecord[]): { ids: number[]; all: boolean } {
  return {
    ids: unreadable.flatMap((u) => (u.id === undefined ? [] : [u.id])),
    // An id past 2^53 stands for no row: the index holds only ids the console can handle.
    all: unreadable.some((u) => u.id === undefined && u.idProblem !== 'beyond-range'),
  };
}

/**
 * Replaces what the index holds for these customers with what Artemis answered, in one
 * transaction: their documents are upserted, and documents of theirs that Artemis no longer
 * lists are dropped, except those an unreadable record may stand for (they keep their last
 * known state and count as seen). Returns the number of documents written.
 */
export async function indexCustomers(
  db: Kysely<Database>,
  batch: CustomerWithDocuments[],
  thresholds: Thresholds,
  syncedAt = new Date().toISOString(),
): Promise<number> {
  if (batch.length === 0) return 0;
  const ids = batch.map((b) => b.customer.id);
  return writeTransaction(db, async (trx) => {
    const decisions = await latestAppliedDecisions(trx, ids);
    // The same customer twice in a batch (a page shifting under us) must not be one INSERT's two rows.
    const unique = [...new Map(batch.map((b) => [b.customer.id, b])).values()];
    const rows = new Map<string, DocumentIndexValues>();
    for (const { customer, documents } of unique) {
      const fields = customerFields(customer);
      for (const doc of documents) {
        rows.set(
          documentKeyId(doc.customerId, doc.id),
          documentIndexRow(fields, doc, thresholds, decisions.get(documentKeyId(doc.customerId, doc.id)), syncedAt),
        );
      }
    }
    await upsertCustomerRows(
      trx,
      unique.map((b) => b.customer),
      syncedAt,
    );
    await upsertDocumentRows(trx, [...rows.values()]);
    for (const { customer, unreadable } of unique) {
      if (!unreadable?.length) continue;
      const kept = rowsKeptFor(unreadable);
      if (!kept.all && kept.ids.length === 0) continue;
      let keep = trx.updateTable('document_index').set({ synced_at: syncedAt }).where('customer_id', '=', customer.id);
      if (!kept.all) keep = keep.where('document_id', 'in', kept.ids);
      await keep.execute();
    }
    await trx.deleteFrom('document_index').where('customer_id', 'in', ids).where('synced_at', '<>', syncedAt).execute();
    return rows.size;
  });
}

/**
 * Customers Artemis listed but the console could not read: their rows stay as last known and
 * count as seen by this run, so its final sweep does not take them for customers gone.
 */
export async function keepCustomersInIndex(db: Kysely<Database>, customerIds: number[], syncedAt = new Date().toISOString()): Promise<void> {
  if (customerIds.length === 0) return;
  await writeTransaction(db, async (trx) => {
    await trx.updateTable('customer_index').set({ synced_at: syncedAt }).where('customer_id', 'in', customerIds).execute();
    await trx.updateTable('document_index').set({ synced_at: syncedAt }).where('customer_id', 'in', customerIds).execute();
  });
}

/** A customer Artemis no longer knows leaves the index. */
export async function removeCustomerFromIndex(db: Kysely<Database>, customerId: number): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx.deleteFrom('document_index').where('customer_id', '=', customerId).execute();
    await trx.deleteFrom('customer_index').where('customer_id', '=', customerId).execute();
  });
}

/**
 * After an override Artemis answered 2xx: the document's row takes the PUT's answer and the
 * decision, so the queue drops it at once. The claim on it ends too.
 */
export async function recordDecisionInIndex(
  customerId: number,
  documentId: number,
  document: ArtemisDocument,
  decision: Decision,
  thresholds: Thresholds,
  db?: Kysely<Database>,
): Promise<void> {
  const database = db ?? (await getDb());
  await writeTransaction(database, async (trx) => {
    const existing = await trx
      .selectFrom('document_index')
      .select(['customer_name', 'customer_status', 'customer_risk_rating', 'customer_reference_id'])
      .where('customer_id', '=', customerId)
      .where('document_id', '=', documentId)
      .executeTakeFirst();
    const fields: CustomerFields = existing ?? {
      customer_name: null,
      customer_status: null,
      customer_risk_rating: null,
      customer_reference_id: null,
    };
    await upsertDocumentRows(trx, [documentIndexRow(fields, document, thresholds, decision, new Date().toISOString())]);
    await trx.deleteFrom('document_claims').where('customer_id', '=', customerId).where('document_id', '=', documentId).execute();
  });
}

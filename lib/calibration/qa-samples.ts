import 'server-only';
import type { Kysely } from 'kysely';
import { requireUser } from '@/lib/auth/session';
import { getDb, type Database } from '@/lib/db';

export type QaSampleRow = {
  day: string;
  customerId: number;
  documentId: number;
  customerName: string | null;
  documentType: string | null;
  confidence: number | null;
  verdict: 'agree' | 'disagree' | null;
  verdictBy: string | null;
  verdictAt: string | null;
};

const QA_TAB_LIMIT = 200;

function sampleQuery(db: Kysely<Database>) {
  return db
    .selectFrom('qa_samples as q')
    .leftJoin('document_index as d', (j) => j.onRef('d.customer_id', '=', 'q.customer_id').onRef('d.document_id', '=', 'q.document_id'))
    .select(['q.day', 'q.customer_id', 'q.document_id', 'd.customer_name', 'd.document_type', 'd.confidence', 'q.verdict', 'q.verdict_by', 'q.verdict_at']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof sampleQuery>['execute']>>[number];

const toRow = (r: Raw): QaSampleRow => ({
  day: r.day,
  customerId: Number(r.customer_id),
  documentId: Number(r.document_id),
  customerName: r.customer_name,
  documentType: r.document_type,
  confidence: r.confidence === null ? null : Number(r.confidence),
  verdict: r.verdict,
  verdictBy: r.verdict_by,
  verdictAt: r.verdict_at,
});

/**
 * The `QA sample` tab: awaiting a verdict first, newest days first (every role may see it). The
 * other tabs show only the count, so they ask for no rows.
 */
export async function loadQaSamples({ rows: withRows }: { rows: boolean }): Promise<{ rows: QaSampleRow[]; awaiting: number }> {
  await requireUser();
  const db = await getDb();
  const [rows, awaiting] = await Promise.all([
    withRows
      ? sampleQuery(db)
          .orderBy((eb) => eb.case().when('q.verdict', 'is', null).then(0).else(1).end())
          .orderBy('q.day', 'desc')
          .orderBy('q.customer_id')
          .orderBy('q.document_id')
          .limit(QA_TAB_LIMIT)
          .execute()
      : [],
    countQaAwaiting(db),
  ]);
  return { rows: rows.map(toRow), awaiting };
}

/** Sampled documents still waiting for a QA verdict: the tab's count and the queue-size metric. */
export async function countQaAwaiting(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('qa_samples')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('verdict', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The document's QA sample row, if it was drawn: the review screen then offers a QA verdict. */
export async function findQaSample(customerId: number, documentId: number, db?: Kysely<Database>): Promise<QaSampleRow | undefined> {
  await requireUser();
  const row = await sampleQuery(db ?? (await getDb()))
    .where('q.customer_id', '=', customerId)
    .where('q.document_id', '=', documentId)
    .executeTakeFirst();
  return row && toRow(row);
}

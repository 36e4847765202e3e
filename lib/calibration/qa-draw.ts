import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dayAfter } from '@/lib/audit/filters';
import type { DocumentKey } from '@/lib/ids';
import { recordAuditEvent } from '@/lib/audit/trail';
import { writeTransaction, type Database } from '@/lib/db';

export type QaDraw = {
  day: string;
  seed: string;
  percent: number;
  /** The day's automated passes no human reviewed: those eligible now plus those drawn before. */
  population: number;
  /** Documents this run added (none when the day's share was already drawn). */
  drawn: DocumentKey[];
};

/** A document's place in a day's draw: the draw takes the lowest ranks, so a seed fixes the sample. */
export function drawRank(seed: string, doc: DocumentKey): string {
  return createHash('sha256').update(`${seed}:${doc.customerId}:${doc.documentId}`).digest('hex');
}

const QA_ACTOR = { id: null, email: 'system:qa-draw', role: null };

/**
 * Draws `percent` of one UTC day's automated passes (the machine passed it, nothing flagged it,
 * no human decided it, Artemis updated it that day) into the QA sample, with one `qa.drawn`
 * event naming the documents, seed and share. Idempotent per day: a later run keeps the day's
 * seed and only tops the sample up to the share of the population as it now stands (documents
 * synced after the first run). A document is never drawn twice, on any day.
 */
export async function drawQaSample(db: Kysely<Database>, options: { day: string; percent: number; seed?: string; now?: Date }): Promise<QaDraw> {
  const { day, percent } = options;
  return writeTransaction(db, async (trx) => {
    const earlier = await trx.selectFrom('qa_samples').select(['seed']).where('day', '=', day).execute();
    const seed = earlier[0]?.seed ?? options.seed ?? randomBytes(16).toString('hex');
    const eligible = (
      await trx
        .selectFrom('document_index as d')
        .select(['d.customer_id', 'd.document_id'])
        .where('d.liveness_result', '=', 1)
        .where('d.needs_review', '=', 0)
        .where('d.has_human_decision', '=', 0)
        .where('d.updated_at', '>=', `${day}T00:00:00.000Z`)
        .where('d.updated_at', '<', dayAfter(day))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('qa_samples as q').select('q.day').whereRef('q.customer_id', '=', 'd.customer_id').whereRef('q.document_id', '=', 'd.document_id'),
            ),
          ),
        )
        .execute()
    ).map((r) => ({ customerId: Number(r.customer_id), documentId: Number(r.document_id) }));
    const population = eligible.length + earlier.length;
    // At least one document from any day with automated passes, unless the share is 0.
    const target = Math.ceil((percent / 100) * population);
    const drawn = eligible
      .map((doc) => ({ doc, rank: drawRank(seed, doc) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .slice(0, Math.max(0, target - earlier.length))
      .map((r) => r.doc);
    if (drawn.length === 0) return { day, seed, percent, population, drawn };
    const drawnAt = (options.now ?? new Date()).toISOString();
    await trx
      .insertInto('qa_samples')
      .values(
        drawn.map((d) => ({
          day,
          customer_id: d.customerId,
          document_id: d.documentId,
          seed,
          percent,
          drawn_at: drawnAt,
          verdict: null,
          verdict_by: null,
          verdict_at: null,
        })),
      )
      .execute();
    await recordAuditEvent(
      { action: 'qa.drawn', actor: QA_ACTOR, detail: { day, seed, percent, population, topUp: earlier.length > 0, documents: drawn } },
      trx,
    );
    return { day, seed, percent, population, drawn };
  });
}

/** The UTC days a scheduled draw covers: yesterday (documents synced after midnight) and today. */
export function drawDays(now = new Date()): string[] {
  const today = now.toISOString().slice(0, 10);
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  return [yesterday, today];
}

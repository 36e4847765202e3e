import 'server-only';
import type { Kysely } from 'kysely';
import { getDb, type Database } from '@/lib/db';
import { toEvent } from './trail';

/** One person's recorded views of one document of the customer. */
export type EvidenceViewer = {
  actorId: string | null;
  email: string;
  role: string | null;
  documentId: number;
  firstViewedAt: string;
  lastViewedAt: string;
  /** Recorded views: looks within 10 minutes of each other count once. */
  views: number;
};

/** One evidence pack of a customer's document, downloaded: it carried the faces out of the console. */
export type EvidencePackDownload = {
  seq: number;
  actorId: string | null;
  email: string;
  role: string | null;
  documentId: number;
  at: string;
  packId: string | null;
};

/**
 * Everyone who saw any of a customer's evidence, by person and document, latest first: read from
 * the trail's `evidence.viewed` events, the same rows the CSV export gives with their hashes.
 */
export async function evidenceViewersOf(customerId: number, db?: Kysely<Database>): Promise<EvidenceViewer[]> {
  const rows = await (db ?? (await getDb()))
    .selectFrom('audit_events')
    .select((eb) => [
      'actor_id',
      'actor_email',
      'actor_role',
      'document_id',
      eb.fn.min('occurred_at').as('first_at'),
      eb.fn.max('occurred_at').as('last_at'),
      eb.fn.countAll<number | string>().as('views'),
    ])
    .where('action', '=', 'evidence.viewed')
    .where('customer_id', '=', customerId)
    .groupBy(['actor_id', 'actor_email', 'actor_role', 'document_id'])
    .orderBy('last_at', 'desc')
    .execute();
  return rows.map((row) => ({
    actorId: row.actor_id,
    email: row.actor_email,
    role: row.actor_role,
    documentId: Number(row.document_id),
    firstViewedAt: row.first_at,
    lastViewedAt: row.last_at,
    views: Number(row.views),
  }));
}

/** Every evidence pack of a customer's documents downloaded, latest first (`evidence.exported`). */
export async function evidencePackDownloadsOf(customerId: number, db?: Kysely<Database>): Promise<EvidencePackDownload[]> {
  const rows = await (db ?? (await getDb()))
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'evidence.exported')
    .where('customer_id', '=', customerId)
    .where('document_id', 'is not', null)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toEvent).map((event) => {
    const packId = (event.detail as { packId?: unknown } | null)?.packId;
    return {
      seq: event.seq,
      actorId: event.actorId,
      email: event.actorEmail,
      role: event.actorRole,
      documentId: event.documentId!,
      at: event.occurredAt,
      packId: typeof packId === 'string' ? packId : null,
    };
  });
}

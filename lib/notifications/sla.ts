import 'server-only';
import type { Kysely } from 'kysely';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import { dueAt, overdueBefore } from '@/lib/case-work/due';
import { writeTransaction, type Database } from '@/lib/db';

const SYSTEM: AuditActor = { id: null, email: 'system:deadlines', role: null };
const BATCH = 200;

/**
 * Each document in the queue past its due time is announced once per stay (`case.sla_breached`,
 * sent as `sla.breached`): the index row's mark and the event are one transaction, and the mark
 * is set only where none is, so two instances announce a breach once between them.
 */
export async function announceBreaches(db: Kysely<Database>, slaHours: number, now = new Date()): Promise<number> {
  const cutoff = overdueBefore(slaHours, now);
  const overdue = await db
    .selectFrom('document_index')
    .select(['customer_id', 'document_id', 'queued_at', 'assigned_to', 'assigned_label'])
    .where('needs_review', '=', 1)
    .where('has_human_decision', '=', 0)
    .where('queued_at', '<', cutoff)
    .where('sla_breached_at', 'is', null)
    .orderBy('queued_at')
    .limit(BATCH)
    .execute();
  let announced = 0;
  for (const row of overdue) {
    const key = { customerId: Number(row.customer_id), documentId: Number(row.document_id) };
    const done = await writeTransaction(db, async (trx) => {
      const marked = await trx
        .updateTable('document_index')
        .set({ sla_breached_at: now.toISOString() })
        .where('customer_id', '=', key.customerId)
        .where('document_id', '=', key.documentId)
        .where('needs_review', '=', 1)
        .where('has_human_decision', '=', 0)
        .where('queued_at', '=', row.queued_at)
        .where('sla_breached_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return false;
      await recordAuditEvent(
        {
          action: 'case.sla_breached',
          actor: SYSTEM,
          ...key,
          detail: { queuedAt: row.queued_at, dueAt: dueAt(row.queued_at!, slaHours), assigneeId: row.assigned_to, assignee: row.assigned_label },
        },
        trx,
      );
      return true;
    });
    if (done) announced += 1;
  }
  return announced;
}

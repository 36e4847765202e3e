import 'server-only';
import { FAILED, NOT_APPLIED } from '@/lib/audit/outcomes';
import { recordAuditEvent } from '@/lib/audit/trail';
import { writeTransaction } from '@/lib/db';
import type { OutcomeFollower } from '@/lib/overrides/followers';

/**
 * A Disagree whose override did not reach Artemis (refused, or read back not applied) is
 * withdrawn with it: the document is still a pass there, and may be judged again.
 */
export const withdrawUnappliedDisagree: OutcomeFollower = async ({ attempt, outcome }, db) => {
  if (outcome.action !== NOT_APPLIED && outcome.action !== FAILED) return;
  await writeTransaction(db, async (trx) => {
    const verdictEvent = await trx
      .selectFrom('audit_events')
      .select(['id', 'actor_email'])
      .where('action', '=', 'qa.verdict')
      .where('correlation_id', '=', attempt.id)
      .executeTakeFirst();
    if (!verdictEvent) return;
    const cleared = await trx
      .updateTable('qa_samples')
      .set({ verdict: null, verdict_by: null, verdict_at: null, verdict_ref: null })
      .where('customer_id', '=', attempt.customerId!)
      .where('document_id', '=', attempt.documentId!)
      .where('verdict_ref', '=', attempt.id)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) === 0) return;
    await recordAuditEvent(
      {
        action: 'qa.verdict_withdrawn',
        actor: { id: null, email: 'system', role: null },
        customerId: attempt.customerId,
        documentId: attempt.documentId,
        correlationId: verdictEvent.id,
        detail: { verdict: 'disagree', by: verdictEvent.actor_email, attempt: attempt.id, outcome: outcome.action },
      },
      trx,
    );
  });
};

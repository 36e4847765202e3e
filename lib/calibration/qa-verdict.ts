import 'server-only';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor, type CurrentUser } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { revalidateDocument } from '@/lib/overrides/apply';
import { decideOverride } from '@/lib/overrides/decide';
import type { OverrideResult } from '@/lib/overrides/results';
import type { qaVerdictActionSchema } from './qa-schemas';

export type QaVerdictResult = { ok: true; verdict: 'agree' | 'disagree'; override?: 'applied' | 'proposed' } | Exclude<OverrideResult, { ok: true }> | { ok: false; kind: 'not-sampled' | 'already-judged'; message: string };

type Input = z.output<typeof qaVerdictActionSchema>;

/**
 * A reviewer's QA verdict on a drawn automated pass. Agree records the verdict and sends nothing;
 * Disagree is an override to Fail through the one decision path (lock, fresh read, four eyes,
 * PUT), and the verdict is recorded only once that decision applied or became a proposal,
 * correlated with it.
 */
export async function recordQaVerdict(input: Input, user: CurrentUser): Promise<QaVerdictResult> {
  const { customerId, documentId, verdict } = input;
  const db = await getDb();
  const sample = await db.selectFrom('qa_samples').select(['day', 'seed', 'verdict']).where('customer_id', '=', customerId).where('document_id', '=', documentId).executeTakeFirst();
  if (!sample) return { ok: false, kind: 'not-sampled', message: 'This document is not in the QA sample.' };
  if (sample.verdict) return { ok: false, kind: 'already-judged', message: 'This document already has a QA verdict.' };

  let correlationId: string | null = null;
  let override: 'applied' | 'proposed' | undefined;
  if (verdict === 'disagree') {
    const result = await decideOverride({ ...input, conclusion: 'fail', facialCheck: 'fail' }, user);
    if (!result.ok) return result;
    override = result.outcome;
    correlationId = result.outcome === 'proposed' ? result.proposalId : await latestAttemptId(customerId, documentId);
  }
  const recorded = await writeTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    // Only the first verdict counts: two reviewers answering at once cannot both record one.
    const marked = await trx
      .updateTable('qa_samples')
      .set({ verdict, verdict_by: user.email, verdict_at: now })
      .where('customer_id', '=', customerId)
      .where('document_id', '=', documentId)
      .where('verdict', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return false;
    const { pass, fail } = getEnv().thresholds;
    await recordAuditEvent(
      {
        action: 'qa.verdict',
        actor: auditActor(user),
        customerId,
        documentId,
        correlationId,
        reasonCode: input.reasonCode,
        reasonText: input.reason,
        thresholds: { pass, fail },
        detail: { verdict, day: sample.day, seed: sample.seed, ...(override ? { override } : {}) },
      },
      trx,
    );
    return true;
  });
  if (!recorded) return { ok: false, kind: 'already-judged', message: 'Another reviewer recorded a QA verdict on this document first.' };
  revalidateDocument(customerId);
  return { ok: true, verdict, override };
}

/** The attempt behind the override just applied on the document: the QA verdict points at it. */
async function latestAttemptId(customerId: number, documentId: number): Promise<string | null> {
  const db = await getDb();
  const row = await db
    .selectFrom('audit_events')
    .select('correlation_id')
    .where('action', '=', 'override.applied')
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.correlation_id ?? null;
}

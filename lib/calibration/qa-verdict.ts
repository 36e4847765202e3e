import 'server-only';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor, type CurrentUser } from '@/lib/auth/session';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { decideOverride } from '@/lib/overrides/decide';
import { DecisionRefused } from '@/lib/overrides/followers';
import { runDecision } from '@/lib/overrides/pipeline';
import type { OverrideResult } from '@/lib/overrides/results';
import type { qaVerdictActionSchema } from './qa-schemas';

export type QaVerdictResult =
  | { ok: true; verdict: 'agree' | 'disagree'; override?: 'applied' | 'proposed' }
  | Exclude<OverrideResult, { ok: true }>
  | { ok: false; kind: 'not-sampled' | 'already-judged'; message: string };

type Input = z.output<typeof qaVerdictActionSchema>;
type Sample = { day: string; seed: string };

const ALREADY_JUDGED = 'Another reviewer recorded a QA verdict on this document first.';

/**
 * A reviewer's QA verdict on a drawn automated pass, through the decision pipeline (so against
 * the document as the reviewer saw it). Agree records the verdict and sends nothing. Disagree is
 * an override to Fail, and its verdict is recorded with the override's attempt (or proposal), before the PUT:
 * while that outcome is unknown no second verdict is taken, and an override that turns out not
 * applied withdraws it (./qa-withdrawal.ts), so the verdict matches what Artemis holds.
 */
export async function recordQaVerdict(input: Input, user: CurrentUser): Promise<QaVerdictResult> {
  const { customerId, documentId, verdict } = input;
  const db = await getDb();
  const sample = await db
    .selectFrom('qa_samples')
    .select(['day', 'seed', 'verdict'])
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  if (!sample) return { ok: false, kind: 'not-sampled', message: 'This document is not in the QA sample.' };
  if (sample.verdict) return { ok: false, kind: 'already-judged', message: 'This document already has a QA verdict.' };

  const record = (trx: Kysely<Database>, reference: { kind: 'attempt' | 'proposal'; id: string } | null) => recordVerdict(trx, input, user, sample, reference);
  if (verdict === 'agree') {
    return runDecision<QaVerdictResult>({
      key: { customerId, documentId },
      by: user,
      seenVersion: input.seenVersion,
      changed: async () => ({ ok: false, kind: 'conflict', message: 'This document changed since you opened it', busy: true }),
      async decide() {
        try {
          await writeTransaction(db, (trx) => record(trx, null));
          return { ok: true, verdict };
        } catch (error) {
          if (error instanceof DecisionRefused) return { ok: false, kind: 'already-judged', message: error.message };
          throw error;
        }
      },
    });
  }

  const result = await decideOverride({ ...input, conclusion: 'fail', facialCheck: 'fail' }, user, { recordWith: record });
  if (!result.ok) {
    if (result.kind === 'unknown')
      return { ...result, message: `${result.message} Your Disagree stays recorded until then, and is withdrawn if the override turns out not applied.` };
    return result;
  }
  return { ok: true, verdict, override: result.outcome };
}

/** The verdict and its event, in the caller's transaction; only the first verdict lands. */
async function recordVerdict(
  trx: Kysely<Database>,
  input: Input,
  user: CurrentUser,
  sample: Sample,
  reference: { kind: 'attempt' | 'proposal'; id: string } | null,
): Promise<void> {
  const { customerId, documentId, verdict } = input;
  const marked = await trx
    .updateTable('qa_samples')
    .set({ verdict, verdict_by: user.email, verdict_at: new Date().toISOString(), verdict_ref: reference?.id ?? null })
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .where('verdict', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) throw new DecisionRefused(`${ALREADY_JUDGED} Nothing was sent to Artemis.`);
  const { pass, fail } = getEnv().thresholds;
  await recordAuditEvent(
    {
      action: 'qa.verdict',
      actor: auditActor(user),
      customerId,
      documentId,
      correlationId: reference?.id ?? null,
      reasonCode: input.reasonCode,
      reasonText: input.reason,
      thresholds: { pass, fail },
      detail: { verdict, day: sample.day, seed: sample.seed, ...(reference ? { override: reference.kind === 'attempt' ? 'attempted' : 'proposed' } : {}) },
    },
    trx,
  );
}

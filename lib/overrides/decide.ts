import 'server-only';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { hasChangedSince } from '@/lib/liveness/version';
import { applyDecision, revalidateDocument } from './apply';
import { withDecisionLock } from './decision-lock';
import { DecisionRefused, type RecordWithDecision } from './followers';
import { decisionContext, readLiveDocument } from './live-document';
import { needsSecondReviewer } from './policy';
import { createProposal, findPendingProposal, PendingProposalExistsError } from './proposals';
import type { OverrideResult } from './results';
import { toBoolean, type overrideActionSchema } from './schemas';
import { settleBeforeDeciding } from './settle';

/**
 * A reviewer's decision: under the document's decision lock a fresh read to refuse lost updates,
 * then either a proposal for a second reviewer (FOUR_EYES) or the PUT itself. `recordWith`
 * commits with the proposal or the attempt (a QA Disagree's verdict).
 */
export async function decideOverride(
  input: z.output<typeof overrideActionSchema>,
  user: CurrentUser,
  { recordWith }: { recordWith?: RecordWithDecision } = {},
): Promise<OverrideResult> {
  const { customerId, documentId, seenVersion, reasonCode, reason } = input;
  const decision = { conclusion: toBoolean(input.conclusion), facialCheck: toBoolean(input.facialCheck) };
  const ids = { customerId, documentId };

  // From the fresh read to the recorded outcome, no other decision on this document can run.
  return withDecisionLock(ids, async (hold) => {
    const read = await readLiveDocument(customerId, documentId);
    if (!read.ok) return read;
    const live = read.value;
    await settleBeforeDeciding(ids, live, `next decision (${user.email})`);
    const context = decisionContext(user, ids, live, decision, { reasonCode, reasonText: reason });

    if (hasChangedSince(seenVersion, live.document)) {
      await recordAuditEvent({ ...context, action: 'override.conflict', detail: { updatedAt: live.snapshot.updatedAt } });
      return { ok: false, kind: 'conflict', message: 'This document changed since you opened it', current: live.snapshot };
    }

    if (needsSecondReviewer(getEnv().fourEyes, live.machine.livenessResult, live.snapshot, decision)) {
      try {
        // The proposal, its event and what rides with it commit together.
        const proposal = await writeTransaction(await getDb(), async (trx) => {
          const created = await createProposal(
            {
              ...ids,
              proposer: user,
              ...decision,
              reasonCode,
              reasonText: reason,
              seenVersion,
              before: { conclusion: live.snapshot.conclusion ?? null, facialCheck: live.snapshot.facialCheck ?? null },
            },
            trx,
          );
          await recordAuditEvent({ ...context, action: 'override.proposed', correlationId: created.id, detail: { policy: getEnv().fourEyes } }, trx);
          await recordWith?.(trx, { kind: 'proposal', id: created.id });
          return created;
        });
        revalidateDocument(customerId);
        return { ok: true, outcome: 'proposed', proposalId: proposal.id };
      } catch (error) {
        if (error instanceof PendingProposalExistsError) return { ok: false, kind: 'pending-proposal', message: error.message };
        if (error instanceof DecisionRefused) return { ok: false, kind: 'failed', message: error.message };
        throw error;
      }
    }

    // A proposal waiting for a second reviewer holds the document, even for a page rendered before it.
    if (await findPendingProposal(customerId, documentId)) {
      return { ok: false, kind: 'pending-proposal', message: new PendingProposalExistsError().message };
    }
    const outcome = await applyDecision(context, live, decision, hold, { recordWith });
    // An unknown outcome is in the trail now: the history shows it until it is settled.
    if (outcome.ok || outcome.kind === 'unknown') revalidateDocument(customerId);
    return outcome.ok ? { ok: true, outcome: 'applied', savedAt: new Date().toISOString() } : outcome;
  });
}

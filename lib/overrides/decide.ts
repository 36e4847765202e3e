import 'server-only';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { DecisionRefused, type RecordWithDecision } from './followers';
import { decisionContext } from './live-document';
import { runDecision } from './pipeline';
import { needsSecondReviewer } from './policy';
import { createProposal, findPendingProposal, PendingProposalExistsError } from './proposals';
import type { OverrideResult } from './results';
import { toBoolean, type overrideActionSchema } from './schemas';

/**
 * A reviewer's override, through the decision pipeline: a document changed since the form was
 * rendered is a conflict (recorded, nothing sent); a risky change under FOUR_EYES becomes a
 * proposal for a second reviewer; anything else is sent to Artemis. `recordWith` commits with
 * the proposal or the attempt (a QA Disagree's verdict).
 */
export function decideOverride(
  input: z.output<typeof overrideActionSchema>,
  user: CurrentUser,
  { recordWith }: { recordWith?: RecordWithDecision } = {},
): Promise<OverrideResult> {
  const { customerId, documentId, seenVersion, reasonCode, reason } = input;
  const key = { customerId, documentId };
  const decision = { conclusion: toBoolean(input.conclusion), facialCheck: toBoolean(input.facialCheck) };

  return runDecision<OverrideResult>({
    key,
    by: user,
    seenVersion,
    async changed(live) {
      if (!live) return { ok: false, kind: 'not-found', message: 'This document no longer exists in Artemis. Nothing was changed.' };
      const context = decisionContext(user, key, live, decision, { reasonCode, reasonText: reason });
      await recordAuditEvent({ ...context, action: 'override.conflict', detail: { updatedAt: live.snapshot.updatedAt } });
      return { ok: false, kind: 'conflict', message: 'This document changed since you opened it', current: live.snapshot };
    },
    async decide(live, apply) {
      const context = decisionContext(user, key, live, decision, { reasonCode, reasonText: reason });
      if (needsSecondReviewer(getEnv().fourEyes, live.machine.livenessResult, live.snapshot, decision)) {
        try {
          // The proposal, its event and what rides with it commit together.
          const proposal = await writeTransaction(await getDb(), async (trx) => {
            const before = { conclusion: live.snapshot.conclusion ?? null, facialCheck: live.snapshot.facialCheck ?? null };
            const created = await createProposal({ ...key, proposer: user, ...decision, reasonCode, reasonText: reason, seenVersion, before }, trx);
            await recordAuditEvent({ ...context, action: 'override.proposed', correlationId: created.id, detail: { policy: getEnv().fourEyes } }, trx);
            await recordWith?.(trx, { kind: 'proposal', id: created.id });
            return created;
          });
          return { ok: true, outcome: 'proposed', proposalId: proposal.id };
        } catch (error) {
          if (error instanceof PendingProposalExistsError) return { ok: false, kind: 'pending-proposal', message: error.message };
          if (error instanceof DecisionRefused) return { ok: false, kind: 'failed', message: error.message };
          throw error;
        }
      }
      // A proposal waiting for a second reviewer holds the document, even for a page rendered before it.
      if (await findPendingProposal(customerId, documentId)) return { ok: false, kind: 'pending-proposal', message: new PendingProposalExistsError().message };
      const outcome = await apply(context, decision, { recordWith });
      return outcome.ok ? { ok: true, outcome: 'applied', savedAt: new Date().toISOString() } : outcome;
    },
  });
}

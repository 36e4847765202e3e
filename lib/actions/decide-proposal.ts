'use server';

import { recordAuditEvent } from '@/lib/audit/trail';
import { authAction, recordDenial } from '@/lib/auth/action';
import { getDb, writeTransaction } from '@/lib/db';
import { hasChangedSince } from '@/lib/liveness/version';
import { applyDecision } from '@/lib/overrides/apply';
import { withDecisionLock } from '@/lib/overrides/decision-lock';
import { decisionContext, readLiveDocument } from '@/lib/overrides/live-document';
import { closeProposal, getProposal, markStale, reopenProposal } from '@/lib/overrides/proposals';
import type { ProposalDecisionResult } from '@/lib/overrides/results';
import { proposalDecisionActionSchema } from '@/lib/overrides/schemas';
import { settleBeforeDeciding } from '@/lib/overrides/settle';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/**
 * A second reviewer approves or rejects a proposal. The checker must be another reviewer or
 * admin than the maker; approval sends the PUT exactly as a direct override does (under the
 * document's decision lock: fresh read, conflict check, full liveness object), rejection sends
 * nothing. Every step names both people in the trail. The checker confirms who they are first
 * (step-up). The page is not revalidated here: the
 * checker reads the outcome, then reloads (as after a conflict), so the message stays.
 */
export const decideProposalAction = authAction(
  { roles: OVERRIDE_ROLES, schema: proposalDecisionActionSchema, denial: { action: 'override.approval_denied' }, invalid: 'Give a reason for your decision.', stepUp: true },
  async ({ proposalId, verdict, decisionReason: checkerReason }, user): Promise<ProposalDecisionResult> => {
    const proposal = await getProposal(proposalId);
    if (!proposal) return { ok: false, kind: 'not-found', message: 'This proposal does not exist.' };
    const ids = { customerId: proposal.customerId, documentId: proposal.documentId };
    if (proposal.proposerId === user.id) {
      await recordDenial(user, 'override.approval_denied', ids, { proposalId: proposal.id, reason: 'own_proposal' });
      return { ok: false, kind: 'denied', message: 'You made this proposal; another reviewer must decide on it.' };
    }
    if (proposal.status !== 'pending') return { ok: false, kind: 'closed', message: `This proposal was already ${proposal.status}.` };

    // Approval and rejection hold the document's decision lock as a direct override does.
    return withDecisionLock(ids, async (hold): Promise<ProposalDecisionResult> => {
      const read = await readLiveDocument(proposal.customerId, proposal.documentId);
      if (!read.ok && read.kind === 'not-found') {
        // Nothing left to approve: close it rather than leave it waiting for ever.
        await markStale(proposal, null);
        return { ok: false, kind: 'stale', message: 'The document no longer exists in Artemis. The proposal is closed; nothing was sent.' };
      }
      if (!read.ok) return read;
      const live = read.value;
      await settleBeforeDeciding(ids, live, `next decision (${user.email})`);
      const decision = { conclusion: proposal.conclusion, facialCheck: proposal.facialCheck };
      const pair = { proposalId: proposal.id, proposerId: proposal.proposerId, proposerEmail: proposal.proposerEmail, approverId: user.id, approverEmail: user.email };
      const context = decisionContext(user, ids, live, decision, { reasonCode: proposal.reasonCode, reasonText: proposal.reasonText });

      if (hasChangedSince(proposal.seenVersion, live.document)) {
        await markStale(proposal, live.snapshot.updatedAt);
        return { ok: false, kind: 'stale', message: 'The document changed in Artemis since this proposal was made. The proposal is now stale; nothing was sent.' };
      }

      // Only one decision on a proposal can win: the update is conditional on it still pending. It
      // commits with its event, so a proposal is never closed without the trail saying by whom.
      const verdictEvent = verdict === 'approve' ? 'override.approved' : 'override.rejected';
      const won = await writeTransaction(await getDb(), async (trx) => {
        const closed = await closeProposal(proposal.id, { status: verdict === 'approve' ? 'approved' : 'rejected', by: user, reason: checkerReason }, trx);
        if (closed) await recordAuditEvent({ ...context, action: verdictEvent, correlationId: proposal.id, detail: { ...pair, checkerReason } }, trx);
        return closed;
      });
      if (!won) return { ok: false, kind: 'closed', message: 'Someone else decided on this proposal a moment ago.' };
      if (verdict === 'reject') return { ok: true, outcome: 'rejected' };

      // Should the PUT's path throw, the proposal stays approved and its attempt is settled later.
      const applied = await applyDecision(context, live, decision, hold, { detail: pair });
      if (applied.ok) return { ok: true, outcome: 'approved' };
      // Definitely not applied: the proposal waits again, to be approved once Artemis takes it.
      // Unknown: it stays approved until settling says what Artemis holds.
      if (applied.kind === 'unknown') return { ...applied, message: `${applied.message} The proposal stays approved until the outcome is known.` };
      await reopenProposal(proposal.id);
      return applied;
    });
  },
);

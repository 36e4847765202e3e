import 'server-only';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { recordDenial } from '@/lib/auth/action';
import type { CurrentUser } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { decisionContext } from './live-document';
import { runDecision } from './pipeline';
import { closeProposal, getProposal, markStale, reopenProposal } from './proposals';
import type { ProposalDecisionResult } from './results';
import type { proposalDecisionActionSchema } from './schemas';

/**
 * A second reviewer approves or rejects a proposal, through the decision pipeline. The checker
 * must be another reviewer or admin than the maker; a document changed since the proposal makes
 * it stale; approval sends the PUT exactly as a direct override does, rejection sends nothing.
 * Every step names both people in the trail.
 */
export async function decideProposal(input: z.output<typeof proposalDecisionActionSchema>, user: CurrentUser): Promise<ProposalDecisionResult> {
  const { proposalId, verdict, decisionReason: checkerReason } = input;
  const proposal = await getProposal(proposalId);
  if (!proposal) return { ok: false, kind: 'not-found', message: 'This proposal does not exist.' };
  const key = { customerId: proposal.customerId, documentId: proposal.documentId };
  if (proposal.proposerId === user.id) {
    await recordDenial(user, 'override.approval_denied', key, { proposalId: proposal.id, reason: 'own_proposal' });
    return { ok: false, kind: 'denied', message: 'You made this proposal; another reviewer must decide on it.' };
  }
  if (proposal.status !== 'pending') return { ok: false, kind: 'closed', message: `This proposal was already ${proposal.status}.` };

  const decision = { conclusion: proposal.conclusion, facialCheck: proposal.facialCheck };
  const pair = {
    proposalId: proposal.id,
    proposerId: proposal.proposerId,
    proposerEmail: proposal.proposerEmail,
    approverId: user.id,
    approverEmail: user.email,
  };
  return runDecision<ProposalDecisionResult>({
    key,
    by: user,
    seenVersion: proposal.seenVersion,
    async changed(live) {
      // Nothing left to approve as proposed: closed rather than left waiting for ever.
      await markStale(proposal, live?.snapshot.updatedAt ?? null);
      return live
        ? { ok: false, kind: 'stale', message: 'The document changed in Artemis since this proposal was made. The proposal is now stale; nothing was sent.' }
        : { ok: false, kind: 'stale', message: 'The document no longer exists in Artemis. The proposal is closed; nothing was sent.' };
    },
    async decide(live, apply) {
      const context = decisionContext(user, key, live, decision, { reasonCode: proposal.reasonCode, reasonText: proposal.reasonText });
      // Only one decision on a proposal can win: the update is conditional on it still pending. It
      // commits with its event, so a proposal is never closed without the trail saying by whom.
      const won = await writeTransaction(await getDb(), async (trx) => {
        const closed = await closeProposal(proposal.id, { status: verdict === 'approve' ? 'approved' : 'rejected', by: user, reason: checkerReason }, trx);
        if (closed)
          await recordAuditEvent(
            {
              ...context,
              action: verdict === 'approve' ? 'override.approved' : 'override.rejected',
              correlationId: proposal.id,
              detail: { ...pair, checkerReason },
            },
            trx,
          );
        return closed;
      });
      if (!won) return { ok: false, kind: 'closed', message: 'Someone else decided on this proposal a moment ago.' };
      if (verdict === 'reject') return { ok: true, outcome: 'rejected' };

      // Should the PUT's path throw, the proposal stays approved and its attempt is settled later.
      const applied = await apply(context, decision, { detail: pair });
      if (applied.ok) return { ok: true, outcome: 'approved' };
      // Unknown: it stays approved until settling says what Artemis holds.
      if (applied.kind === 'unknown') return { ...applied, message: `${applied.message} The proposal stays approved until the outcome is known.` };
      // Definitely not applied: the proposal waits again, to be approved once Artemis takes it.
      await reopenProposal(proposal.id);
      return applied;
    },
  });
}

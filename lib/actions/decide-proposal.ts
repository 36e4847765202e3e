'use server';

import { authAction } from '@/lib/auth/action';
import { decideProposal } from '@/lib/overrides/decide-proposal';
import { proposalDecisionActionSchema } from '@/lib/overrides/schemas';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/**
 * A second reviewer's Approve or Reject (lib/overrides/decide-proposal.ts), after a step-up. The
 * page is not revalidated here: the checker reads the outcome, then reloads (as after a
 * conflict), so the message stays.
 */
export const decideProposalAction = authAction(
  {
    roles: OVERRIDE_ROLES,
    schema: proposalDecisionActionSchema,
    denial: { action: 'override.approval_denied' },
    invalid: 'Give a reason for your decision.',
    stepUp: true,
  },
  decideProposal,
);

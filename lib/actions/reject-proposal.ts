'use server';

import { decideProposal } from '@/lib/four-eyes/decide';
import type { ProposalDecisionResult } from '@/lib/overrides/types';

export async function rejectProposal(input: unknown): Promise<ProposalDecisionResult> {
  return decideProposal('reject', input);
}

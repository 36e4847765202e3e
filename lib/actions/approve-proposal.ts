'use server';

import { decideProposal } from '@/lib/four-eyes/decide';
import type { ProposalDecisionResult } from '@/lib/overrides/types';

export async function approveProposal(input: unknown): Promise<ProposalDecisionResult> {
  return decideProposal('approve', input);
}

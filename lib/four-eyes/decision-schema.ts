import { z } from 'zod';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '@/lib/liveness/override-schema';

/** The second reviewer's answer; shared by the approval form and its actions. */
export const proposalDecisionFormSchema = z.object({
  decisionReason: z
    .string()
    .trim()
    .min(REASON_MIN_LENGTH, `Give a reason of at least ${REASON_MIN_LENGTH} characters`)
    .max(REASON_MAX_LENGTH, `Keep the reason within ${REASON_MAX_LENGTH} characters`),
});

export const proposalDecisionActionSchema = proposalDecisionFormSchema.extend({
  proposalId: z.uuid(),
});

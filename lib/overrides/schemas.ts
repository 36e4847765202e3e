import { z } from 'zod';
import { documentKeySchema } from '@/lib/ids';
import { REASON_CODES } from '@/lib/liveness/reason-codes';

// The decision forms' inputs, shared by the forms (client) and their actions (server).

export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 2000;

const passFail = z.enum(['pass', 'fail'], { error: 'Choose Pass or Fail' });

/** Why, in the reviewer's words: the override's reason and the second reviewer's alike. */
const reasonText = z
  .string()
  .trim()
  .min(REASON_MIN_LENGTH, `Give a reason of at least ${REASON_MIN_LENGTH} characters`)
  .max(REASON_MAX_LENGTH, `Keep the reason within ${REASON_MAX_LENGTH} characters`);

/** What the reviewer fills in. */
export const overrideFormSchema = z.object({
  conclusion: passFail,
  facialCheck: passFail,
  reasonCode: z.enum(REASON_CODES, { error: 'Choose a reason code' }),
  reason: reasonText,
});

/** The action's input: the form plus the document and the version of it the reviewer saw. */
export const overrideActionSchema = overrideFormSchema.extend({
  ...documentKeySchema.shape,
  seenVersion: z.string().min(1).max(200),
});

export type OverrideFormInput = z.input<typeof overrideFormSchema>;
export type OverrideFormValues = z.output<typeof overrideFormSchema>;

export const toBoolean = (value: 'pass' | 'fail') => value === 'pass';
/** A decision field as forms and the proposal table write it. */
export function toPassFail(value: boolean): 'pass' | 'fail';
export function toPassFail(value: boolean | undefined): 'pass' | 'fail' | undefined;
export function toPassFail(value: boolean | undefined): 'pass' | 'fail' | undefined {
  return value === undefined ? undefined : value ? 'pass' : 'fail';
}

/** The second reviewer's answer to a proposal. */
export const proposalDecisionFormSchema = z.object({ decisionReason: reasonText });

/** The action's input: the answer, the proposal, and which button was pressed. */
export const proposalDecisionActionSchema = proposalDecisionFormSchema.extend({
  proposalId: z.uuid(),
  verdict: z.enum(['approve', 'reject']),
});

export type ProposalDecisionFormInput = z.input<typeof proposalDecisionFormSchema>;
export type ProposalDecisionFormValues = z.output<typeof proposalDecisionFormSchema>;

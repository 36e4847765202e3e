import { toIsoTimestamp } from '@/lib/artemis/schemas';
import type { LivenessAssessment } from '@/lib/liveness/assessment';
import type { PassFail } from '@/lib/liveness/decision';
import type { ActionResult, Failure } from '@/lib/result';

// What the override and proposal-decision actions answer; their forms branch on `kind`.

/** The document's decision fields as Artemis holds them, for "changed since you opened it". */
export type DecisionSnapshot = {
  conclusion: boolean | undefined;
  facialCheck: boolean | undefined;
  livenessResult: boolean | undefined;
  confidence: number | undefined;
  updatedAt: string | null;
};

/** The snapshot of a document read from Artemis: what the form shows and the action compares against. */
export function decisionSnapshot(machine: LivenessAssessment, updatedAt: unknown): DecisionSnapshot {
  const { conclusion, facialCheck, livenessResult, confidence } = machine;
  return { conclusion, facialCheck, livenessResult, confidence, updatedAt: toIsoTimestamp(updatedAt) };
}

/** How a PUT ended, when it did not apply the decision (SPEC §8). */
export type UnappliedOutcome = Failure<'failed'> | Failure<'not-applied', { returned: PassFail }> | Failure<'unknown'>;

/** Another decision on the document is under way, or it changed since the form was rendered. */
export type ConflictResult = Failure<'conflict', { current: DecisionSnapshot; busy?: undefined }> | Failure<'conflict', { busy: true }>;

export type OverrideResult = ActionResult<
  { outcome: 'applied'; savedAt: string } | { outcome: 'proposed'; proposalId: string },
  Failure<'not-found' | 'pending-proposal'> | UnappliedOutcome | ConflictResult
>;

export type ProposalDecisionResult = ActionResult<
  { outcome: 'approved' | 'rejected' },
  Failure<'not-found' | 'stale' | 'closed'> | UnappliedOutcome | Extract<ConflictResult, { busy: true }>
>;

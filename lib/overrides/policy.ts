import type { Decision, PassFail } from '@/lib/liveness/decision';

export type FourEyesPolicy = 'off' | 'risky' | 'all';

/**
 * Whether an override must wait for a second reviewer. `risky` is the change a fraudster wants:
 * a field set to Pass (from anything else) where the machine's liveness result was not a Pass,
 * or a field raised from Fail to Pass whatever the machine said. Lowering, or keeping a Pass
 * that is already there, never needs a second person.
 */
export function needsSecondReviewer(
  policy: FourEyesPolicy,
  machineLivenessResult: boolean | undefined,
  before: PassFail<boolean | null | undefined>,
  after: Decision,
): boolean {
  if (policy === 'off') return false;
  if (policy === 'all') return true;
  return (['conclusion', 'facialCheck'] as const).some(
    (field) => after[field] && before[field] !== true && (machineLivenessResult !== true || before[field] === false),
  );
}

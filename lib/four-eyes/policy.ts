export type FourEyesPolicy = 'off' | 'risky' | 'all';

type PassFail = { conclusion: boolean | undefined; facialCheck: boolean | undefined };

/**
 * Whether an override must wait for a second reviewer. `risky` is the flip a fraudster wants:
 * a Pass set where the machine's liveness result was Fail, or either field raised Fail → Pass.
 */
export function needsSecondReviewer(
  policy: FourEyesPolicy,
  machineLivenessResult: boolean | undefined,
  before: PassFail,
  after: { conclusion: boolean; facialCheck: boolean },
): boolean {
  if (policy === 'off') return false;
  if (policy === 'all') return true;
  const setsPass = after.conclusion || after.facialCheck;
  if (setsPass && machineLivenessResult === false) return true;
  return (before.conclusion === false && after.conclusion) || (before.facialCheck === false && after.facialCheck);
}

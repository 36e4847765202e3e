import 'server-only';
import { withdrawUnappliedDisagree } from '@/lib/calibration/qa-withdrawal';
import { followOutcomes } from '@/lib/overrides/followers';

/**
 * Connects the modules that follow decisions to the decision path, which imports none of them.
 * Every process that decides or settles calls it once as it starts: the server (lib/startup.ts)
 * and `npm run audit:reconcile`.
 */
export function wireDecisionFollowers(): void {
  followOutcomes('qa-verdict', withdrawUnappliedDisagree);
}

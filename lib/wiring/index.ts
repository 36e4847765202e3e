import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { APPLIED } from '@/lib/audit/outcomes';
import { runScheduledQaDraw } from '@/lib/calibration/qa-schedule';
import { withdrawUnappliedDisagree } from '@/lib/calibration/qa-withdrawal';
import { noteDecisionInQueue } from '@/lib/document-index/after-override';
import { registerTurnJob } from '@/lib/document-index/background';
import { followDecisions, followOutcomes, guardDecisions } from '@/lib/overrides/followers';
import { decisionRefusal } from '@/lib/case-work/cases';
import { reconcileInBackground } from '@/lib/overrides/settle';
import { dropReadAheadsOf } from '@/lib/review/read-ahead-cache';

/**
 * Connects the modules that follow decisions and sync turns to the lower modules that make them,
 * which import none of them (docs/architecture.md). Every process that decides, settles or syncs
 * calls it once as it starts: the server (lib/startup.ts) and the command-line tools. Idempotent.
 */
export function wireConsole(): void {
  // A decision Artemis holds takes the document out of the queue at once; the next sync would too.
  followOutcomes('queue-index', async ({ attempt, outcome, document }) => {
    if (outcome.action === APPLIED && document && attempt.customerId && attempt.documentId) {
      await noteDecisionInQueue(attempt.customerId, attempt.documentId, document, attempt.actorEmail);
    }
  });
  followOutcomes('qa-verdict', withdrawUnappliedDisagree);
  // What this instance read ahead of a document may no longer be true.
  followDecisions('read-ahead', ({ customerId, documentId }) => dropReadAheadsOf(customerId, documentId));
  // An escalated document is decided by admins only, whichever path the decision takes.
  guardDecisions('escalation', decisionRefusal);

  // After each sync turn, under its lease: the day's QA draw (it reads the index just synced), then settling.
  registerTurnJob({ name: 'qa-draw', run: async () => void (await runScheduledQaDraw()) });
  registerTurnJob({ name: 'settling', run: async (reason) => reconcileInBackground(await getArtemis(), reason) });
}

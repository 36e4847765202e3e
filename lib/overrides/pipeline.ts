import 'server-only';
import type { UpstreamFailure } from '@/lib/artemis/errors';
import type { CurrentUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import type { DocumentKey } from '@/lib/ids';
import type { Decision } from '@/lib/liveness/decision';
import { hasChangedSince } from '@/lib/liveness/version';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { Failure } from '@/lib/result';
import { applyDecision, type ApplyOptions, type DecisionOutcome } from './apply';
import { decisionRefusalOf } from './followers';
import { DOCUMENT_BUSY, withDecisionLock, type LockDisposition } from './decision-lock';
import { readLiveDocument, type DecisionContext, type LiveDocument } from './live-document';
import { settleBeforeDeciding } from './settle';
import { decisionLockLifetimeMs } from './timing';

/** Sends `decision` to Artemis (recording the attempt and its outcome); a step calls it at most once. */
export type Apply = (context: DecisionContext, decision: Decision, options?: ApplyOptions) => Promise<DecisionOutcome>;

/**
 * One decision on one document, as the pipeline runs it: an override, an approval or rejection
 * of a proposal, a QA verdict. The step says what it was made against and what it does; the
 * pipeline owns everything around it.
 */
export type DecisionStep<R> = {
  key: DocumentKey;
  by: CurrentUser;
  /** The document's version as the person saw it; a newer one in Artemis is a change under them. */
  seenVersion: string;
  /** The document changed since `seenVersion`, or is gone (null): what to record and answer. Nothing is sent. */
  changed: (live: LiveDocument | null) => Promise<R>;
  /** The document is as it was seen: decide, through `apply` when the decision goes to Artemis. */
  decide: (live: LiveDocument, apply: Apply) => Promise<R>;
};

export type PipelineFailure = typeof DOCUMENT_BUSY | UpstreamFailure | Failure<'denied'>;

/**
 * The one decision pipeline: the document's decision lock (no other decision on it, on any
 * instance, until this one has its outcome), the guards (an escalated document is the admins'), the live read, settling earlier attempts from that
 * read, the check that the document is as the person saw it, then the step's own decision;
 * `apply` sends it, and what becomes of the lock follows from what the PUT came to.
 */
export function runDecision<R>(step: DecisionStep<R>): Promise<R | PipelineFailure> {
  const { key, by } = step;
  return withDecisionLock<R | PipelineFailure>(key, { lifetimeMs: decisionLockLifetimeMs(getEnv().artemis.timeoutMs) }, async () => {
    const refusal = await decisionRefusalOf(key, by);
    if (refusal) {
      await recordAuditEvent({ action: 'override.denied', actor: by, ...key, detail: { refusal } });
      const denied: Failure<'denied'> = { ok: false, kind: 'denied', message: refusal };
      return { value: denied, lock: 'release' };
    }
    const read = await readLiveDocument(key.customerId, key.documentId);
    if (!read.ok) return { value: read.kind === 'not-found' ? await step.changed(null) : read, lock: 'release' };
    const live = read.value;
    await settleBeforeDeciding(key, live, `next decision (${by.email})`);
    if (hasChangedSince(step.seenVersion, live.document)) return { value: await step.changed(live), lock: 'release' };

    let lock: LockDisposition = 'release';
    const apply: Apply = async (context, decision, options) => {
      const applied = await applyDecision(context, live, decision, options);
      lock = applied.lock;
      return applied.outcome;
    };
    const value = await step.decide(live, apply);
    return { value, lock };
  });
}

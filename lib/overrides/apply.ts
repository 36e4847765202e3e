import 'server-only';
import { revalidatePath } from 'next/cache';
import pino from 'pino';
import { getArtemis } from '@/lib/artemis';
import { ArtemisError, describeArtemisError, upstreamFailure, writeMayHaveApplied, type UpstreamFailure } from '@/lib/artemis/errors';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { APPLIED, ATTEMPTED, FAILED, NOT_APPLIED, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';
import { pendingAttempts, settleAttempts } from '@/lib/audit/reconcile';
import { listDocumentHistory, recordAuditEvent, type AuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { assessLiveness, type LivenessAssessment } from '@/lib/liveness/assessment';
import { buildLivenessPutBody, type Decision } from '@/lib/liveness/merge';
import type { ReasonCode } from '@/lib/liveness/reason-codes';
import { noteDecisionInQueue } from '@/lib/document-index/after-override';
import { decisionLockLifetimeMs, keepLockedForSettling, lockDocument, releaseDocumentLock, settlingWindowMs, type DocumentKey, type DocumentLock } from './decision-lock';
import { afterSettling } from './settle';
import type { ConflictResult, DecisionSnapshot, UnappliedOutcome } from './types';

export type LiveDocument = {
  document: ArtemisDocument;
  liveness: Record<string, unknown>;
  machine: LivenessAssessment;
  snapshot: DecisionSnapshot;
};

export type Upstream<T> = { ok: true; value: T } | UpstreamFailure;

/** The one read before any write: the document as Artemis holds it now. */
export async function readLiveDocument(customerId: number, documentId: number): Promise<Upstream<LiveDocument>> {
  let document: ArtemisDocument | null;
  try {
    document = await (await getArtemis()).getDocument(customerId, documentId);
  } catch (error) {
    return upstreamFailure(error);
  }
  if (!document) return { ok: false, kind: 'not-found', message: 'This document no longer exists in Artemis. Nothing was changed.' };
  const liveness = (document.liveness ?? {}) as Record<string, unknown>;
  const machine = assessLiveness(liveness, getEnv().thresholds);
  return {
    ok: true,
    value: {
      document,
      liveness,
      machine,
      snapshot: {
        conclusion: machine.conclusion,
        facialCheck: machine.facialCheck,
        livenessResult: machine.livenessResult,
        confidence: machine.confidence,
        updatedAt: toIsoTimestamp(document.updatedAt),
      },
    },
  };
}

export type DecisionContext = Omit<AuditEventInput, 'action'>;

/** What every override-related audit event carries: who, which document, before/after, the machine, why. */
export function decisionContext(
  actor: CurrentUser,
  ids: { customerId: number; documentId: number },
  live: LiveDocument,
  decision: Decision,
  reason: { reasonCode: ReasonCode; reasonText: string },
): DecisionContext {
  const { machine, snapshot } = live;
  return {
    actor: { id: actor.id, email: actor.email, role: actor.role },
    customerId: ids.customerId,
    documentId: ids.documentId,
    before: { conclusion: snapshot.conclusion ?? null, facialCheck: snapshot.facialCheck ?? null },
    after: decision,
    machine: {
      livenessResult: machine.livenessResult ?? null,
      confidence: machine.confidence ?? null,
      faceDetails: Object.fromEntries(machine.attributes.map((a) => [a.key, { value: a.detected ?? null, confidence: a.confidence ?? null }])),
    },
    reasonCode: reason.reasonCode,
    reasonText: reason.reasonText,
    thresholds: getEnv().thresholds,
  };
}

export type DecisionOutcome = { ok: true } | UnappliedOutcome;

export const UNKNOWN_OUTCOME_MESSAGE =
  'Artemis may or may not have applied it. Do not repeat the override: the console reads the document back (on the next view, and with every background sync) and records the outcome in its history.';

/** What Artemis's answer shows of the two decided fields (null where it does not say). */
function returnedPair(document: ArtemisDocument): { conclusion: boolean | null; facialCheck: boolean | null } {
  const liveness = (document.liveness ?? {}) as Record<string, unknown>;
  const value = (v: unknown) => (typeof v === 'boolean' ? v : null);
  return { conclusion: value(liveness.conclusion), facialCheck: value(liveness.facialCheck) };
}

/**
 * Sends a decision to Artemis, under the document's decision lock (`lock`): the attempt is
 * recorded before the PUT and exactly one outcome after it. Applied only when Artemis's answer
 * carries the decided values; a definite refusal is failed; an answer without them is not
 * applied; anything that may have reached Artemis without saying so is unknown, and the
 * document then stays locked for the settling window (nobody writes over a PUT Artemis may
 * still carry out). `detail` is added to each event (e.g. the four-eyes pair).
 */
export async function applyDecision(
  context: DecisionContext,
  live: LiveDocument,
  decision: Decision,
  hold: DecisionHold,
  detail: Record<string, unknown> = {},
): Promise<DecisionOutcome> {
  const customerId = context.customerId!;
  const documentId = context.documentId!;
  const body = buildLivenessPutBody(live.liveness, decision);
  let attempt: AuditEvent;
  try {
    // The version seen lets settling tell "never reached Artemis" from "applied".
    attempt = await recordAuditEvent({ ...context, action: ATTEMPTED, detail: { ...detail, seenUpdatedAt: live.snapshot.updatedAt } });
  } catch (error) {
    logDecision().error({ customerId, documentId, error: error instanceof Error ? error.message : String(error) }, 'override attempt not recorded; nothing sent');
    return { ok: false, kind: 'failed', message: 'The console could not record the attempt in its audit trail, so nothing was sent to Artemis. Please try again.' };
  }
  const outcome = (action: AuditEventInput['action'], fields: Partial<AuditEventInput>) =>
    recordAuditEvent({ ...context, ...fields, action, correlationId: attempt.id, detail: { ...detail, ...(fields.detail as object) } });
  // From here a PUT may be under way: should anything fail before its outcome is recorded, the
  // lock stays until it expires, and nothing settles the attempt or writes over it before then.
  hold.keep = true;
  const keepForSettling = async () => {
    try {
      await keepLockedForSettling(await getDb(), hold.lock, attempt.id, settlingWindowMs(getEnv().artemis.timeoutMs));
    } catch (error) {
      // The decision's own lock is kept instead: longer, never shorter.
      logDecision().warn({ customerId, documentId, error: error instanceof Error ? error.message : String(error) }, 'settling window not set; the lock stays');
    }
  };

  let result;
  try {
    result = await (await getArtemis()).putLiveness(customerId, documentId, body);
  } catch (error) {
    if (!(error instanceof ArtemisError)) throw error;
    const upstream = { upstreamStatus: error.status ?? null, requestId: error.requestId };
    if (writeMayHaveApplied(error)) {
      await outcome(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: error.kind } });
      await keepForSettling();
      return { ok: false, kind: 'unknown', message: `${unknownCause(error)} ${UNKNOWN_OUTCOME_MESSAGE}`, requestId: error.requestId };
    }
    await outcome(FAILED, { ...upstream, detail: { kind: error.kind, notSent: error.notSent } });
    hold.keep = false;
    return { ok: false, kind: 'failed', message: describeArtemisError(error), requestId: error.requestId };
  }

  const upstream = { upstreamStatus: result.status, requestId: result.requestId };
  const returned = returnedPair(result.document);
  const updatedAt = toIsoTimestamp(result.document.updatedAt);
  if (returned.conclusion === decision.conclusion && returned.facialCheck === decision.facialCheck) {
    await outcome(APPLIED, { ...upstream, detail: { updatedAt } });
    hold.keep = false;
    await noteDecisionInQueue(customerId, documentId, result.document, context.actor.email);
    return { ok: true };
  }
  if (returned.conclusion === null || returned.facialCheck === null) {
    // A 2xx that does not show the decided fields at all confirms nothing either way.
    await outcome(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: 'unconfirmed', returned, updatedAt } });
    await keepForSettling();
    return {
      ok: false,
      kind: 'unknown',
      message: `Artemis accepted the override (HTTP ${result.status}) but its answer does not show the decided values. ${UNKNOWN_OUTCOME_MESSAGE}`,
      requestId: result.requestId,
    };
  }
  await outcome(NOT_APPLIED, { ...upstream, detail: { kind: 'not-kept', returned, updatedAt } });
  hold.keep = false;
  return {
    ok: false,
    kind: 'not-applied',
    message: `Artemis answered (HTTP ${result.status}) but kept other values: its copy of the document shows conclusion ${passFail(returned.conclusion)} and facial check ${passFail(returned.facialCheck)}. The override was not applied.`,
    returned,
    requestId: result.requestId,
  };
}

const passFail = (v: boolean | null) => (v === null ? 'not set' : v ? 'Pass' : 'Fail');

function unknownCause(error: ArtemisError): string {
  switch (error.kind) {
    case 'timeout':
      return 'Artemis did not answer in time.';
    case 'network':
      return 'The connection to Artemis was lost after the override was sent.';
    case 'invalid-response':
      return `Artemis accepted the override (HTTP ${error.status ?? '2xx'}) but its answer could not be read.`;
    default:
      return `Artemis answered with an error (HTTP ${error.status}) that does not say whether the override was applied.`;
  }
}

/** The answer to a decision that found another one under way on the same document. */
export const DOCUMENT_BUSY: Extract<ConflictResult, { busy: true }> = {
  ok: false,
  kind: 'conflict',
  message: 'This document changed since you opened it',
  busy: true,
};

/** A decision's hold on its document's lock; `keep` leaves it held past the decision. */
export type DecisionHold = { lock: DocumentLock; keep: boolean };

/**
 * Runs `decide` holding the document's decision lock. A decision that finds another one under
 * way waits for it (briefly) and then reads what it did; one that finds an unknown outcome
 * being settled, or waits in vain, sends nothing. The lock is given back at the end unless a
 * PUT may still be under way (`keep`): then it expires, or the settling window replaced it.
 */
export async function withDecisionLock<T>(key: DocumentKey, decide: (hold: DecisionHold) => Promise<T>): Promise<T | typeof DOCUMENT_BUSY> {
  const db = await getDb();
  const taken = await lockDocument(db, key, { lifetimeMs: decisionLockLifetimeMs(getEnv().artemis.timeoutMs) });
  if (!taken.acquired) return DOCUMENT_BUSY;
  const hold: DecisionHold = { lock: taken.lock, keep: false };
  try {
    return await decide(hold);
  } finally {
    if (!hold.keep) await releaseDocumentLock(db, key, taken.lock.holder);
  }
}

const logDecision = () => pino({ level: getEnv().logLevel }).child({ component: 'decision' });

/**
 * Inside the lock, before deciding: attempts on the document still waiting for an outcome are
 * settled from the fresh read, so each new decision starts from a trail that says what
 * Artemis holds, and a lost attempt is never credited with a later reviewer's values.
 */
export async function settleBeforeDeciding(key: DocumentKey, document: ArtemisDocument, reconciledBy: string): Promise<void> {
  const db = await getDb();
  const pending = pendingAttempts(await listDocumentHistory(key.customerId, key.documentId, db));
  if (pending.length === 0) return;
  const resolved = await settleAttempts(pending, document, { reconciledBy, lockHeld: true, db });
  await afterSettling(resolved, document, db);
}

export function revalidateDocument(customerId: number): void {
  revalidatePath(`/customers/${customerId}`, 'layout');
  revalidatePath('/');
}

/** A refused action by a signed-in user is evidence too (who tried what, where). */
export async function recordDenial(user: CurrentUser | null, action: AuditEventInput['action'], input: unknown, detail?: Record<string, unknown>): Promise<void> {
  if (!user) return;
  const ids = (input && typeof input === 'object' ? input : {}) as { customerId?: unknown; documentId?: unknown };
  const asId = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
  await recordAuditEvent({
    action,
    actor: { id: user.id, email: user.email, role: user.role },
    customerId: asId(ids.customerId),
    documentId: asId(ids.documentId),
    detail,
  });
}

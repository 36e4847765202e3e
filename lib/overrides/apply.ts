import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { ArtemisError, describeArtemisError, writeMayHaveApplied } from '@/lib/artemis/errors';
import { toIsoTimestamp, type ArtemisDocument } from '@/lib/artemis/schemas';
import { APPLIED, ATTEMPTED, FAILED, NOT_APPLIED, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';
import { recordAuditEvent, type AuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { passFailText } from '@/lib/format';
import { buildLivenessPutBody, passFailOf, type Decision } from '@/lib/liveness/decision';
import { DecisionInterrupted, type LockDisposition } from './decision-lock';
import { announceOutcome, DecisionRefused, type RecordWithDecision } from './followers';
import type { DecisionContext, LiveDocument } from './live-document';
import type { UnappliedOutcome } from './results';
import { settlingWindowMs } from './timing';

export type DecisionOutcome = { ok: true } | UnappliedOutcome;

/** What sending a decision came to, and what should become of the document's lock. */
export type Applied = { outcome: DecisionOutcome; lock: LockDisposition };

export type ApplyOptions = { detail?: Record<string, unknown>; recordWith?: RecordWithDecision };

const UNKNOWN_OUTCOME_MESSAGE =
  'Artemis may or may not have applied it. Do not repeat the override: the console reads the document back (on the next view, and with every background sync) and records the outcome in its history.';

/**
 * Sends a decision to Artemis, under the document's decision lock: the attempt is recorded
 * before the PUT and exactly one outcome after it. Applied only when Artemis's answer carries
 * the decided values; a definite refusal is failed; an answer without them is not applied;
 * anything that may have reached Artemis without saying so is unknown, and the lock then goes
 * to the attempt for the settling window. Should recording an outcome fail once the PUT may be
 * under way, `DecisionInterrupted` keeps the lock until it expires. `detail` is added to each
 * event (e.g. the four-eyes pair); `recordWith` commits with the attempt (a QA verdict). Every
 * final outcome is announced to the decision's followers.
 */
export async function applyDecision(
  context: DecisionContext,
  live: LiveDocument,
  decision: Decision,
  { detail = {}, recordWith }: ApplyOptions = {},
): Promise<Applied> {
  const release = (outcome: DecisionOutcome): Applied => ({ outcome, lock: 'release' });
  const db = await getDb();
  let attempt: AuditEvent;
  try {
    attempt = await writeTransaction(db, async (trx) => {
      // The version seen lets settling tell "never reached Artemis" from "applied".
      const recorded = await recordAuditEvent({ ...context, action: ATTEMPTED, detail: { ...detail, seenUpdatedAt: live.snapshot.updatedAt } }, trx);
      await recordWith?.(trx, { kind: 'attempt', id: recorded.id });
      return recorded;
    });
  } catch (error) {
    if (error instanceof DecisionRefused) return release({ ok: false, kind: 'failed', message: error.message });
    logDecision().error(
      { customerId: context.customerId, documentId: context.documentId, error: errorText(error) },
      'override attempt not recorded; nothing sent',
    );
    return release({
      ok: false,
      kind: 'failed',
      message: 'The console could not record the attempt in its audit trail, so nothing was sent to Artemis. Please try again.',
    });
  }
  try {
    return await sendAndRecord(context, attempt, buildLivenessPutBody(live.liveness, decision), decision, detail);
  } catch (error) {
    // From the attempt on a PUT may be under way: nothing settles it or writes over it early.
    throw new DecisionInterrupted(error);
  }
}

async function sendAndRecord(
  context: DecisionContext,
  attempt: AuditEvent,
  body: Record<string, unknown>,
  decision: Decision,
  detail: Record<string, unknown>,
): Promise<Applied> {
  const db = await getDb();
  const record = (action: AuditEventInput['action'], fields: Partial<AuditEventInput>) =>
    recordAuditEvent({ ...context, ...fields, action, correlationId: attempt.id, detail: { ...detail, ...(fields.detail as object) } });
  const final = async (action: AuditEventInput['action'], fields: Partial<AuditEventInput>, document: ArtemisDocument | null) =>
    announceOutcome({ attempt, outcome: await record(action, fields), document }, db);
  const settling = (): LockDisposition => ({ settlingWindowFor: attempt.id, windowMs: settlingWindowMs(getEnv().artemis.timeoutMs) });

  let result;
  try {
    result = await (await getArtemis()).putLiveness(context.customerId!, context.documentId!, body);
  } catch (error) {
    if (!(error instanceof ArtemisError)) throw error;
    const upstream = { upstreamStatus: error.status ?? null, requestId: error.requestId };
    if (writeMayHaveApplied(error)) {
      await record(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: error.kind } });
      return {
        outcome: { ok: false, kind: 'unknown', message: `${unknownCause(error)} ${UNKNOWN_OUTCOME_MESSAGE}`, requestId: error.requestId },
        lock: settling(),
      };
    }
    await final(FAILED, { ...upstream, detail: { kind: error.kind, notSent: error.notSent } }, null);
    return { outcome: { ok: false, kind: 'failed', message: describeArtemisError(error), requestId: error.requestId }, lock: 'release' };
  }

  const upstream = { upstreamStatus: result.status, requestId: result.requestId };
  const returned = passFailOf(result.document.liveness);
  const updatedAt = toIsoTimestamp(result.document.updatedAt);
  if (returned.conclusion === decision.conclusion && returned.facialCheck === decision.facialCheck) {
    await final(APPLIED, { ...upstream, detail: { updatedAt } }, result.document);
    return { outcome: { ok: true }, lock: 'release' };
  }
  if (returned.conclusion === null || returned.facialCheck === null) {
    // A 2xx that does not show the decided fields at all confirms nothing either way.
    await record(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: 'unconfirmed', returned, updatedAt } });
    return {
      outcome: {
        ok: false,
        kind: 'unknown',
        message: `Artemis accepted the override (HTTP ${result.status}) but its answer does not show the decided values. ${UNKNOWN_OUTCOME_MESSAGE}`,
        requestId: result.requestId,
      },
      lock: settling(),
    };
  }
  await final(NOT_APPLIED, { ...upstream, detail: { kind: 'not-kept', returned, updatedAt } }, result.document);
  return {
    outcome: {
      ok: false,
      kind: 'not-applied',
      message: `Artemis answered (HTTP ${result.status}) but kept other values: its copy of the document shows conclusion ${passFailText(returned.conclusion)} and facial check ${passFailText(returned.facialCheck)}. The override was not applied.`,
      returned,
      requestId: result.requestId,
    },
    lock: 'release',
  };
}

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

const logDecision = () => logger('decision');

import 'server-only';
import { revalidatePath } from 'next/cache';
import { getArtemis } from '@/lib/artemis';
import { ArtemisError, describeArtemisError, writeMayHaveApplied } from '@/lib/artemis/errors';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { APPLIED, ATTEMPTED, FAILED, NOT_APPLIED, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';
import { recordAuditEvent, type AuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { passFailText } from '@/lib/format';
import { buildLivenessPutBody, passFailOf, type Decision } from '@/lib/liveness/decision';
import { noteDecisionInQueue } from '@/lib/document-index/after-override';
import { keepLockedForSettling, settlingWindowMs, type DecisionHold } from './decision-lock';
import { announceOutcome, DecisionRefused, type RecordWithDecision } from './followers';
import type { DecisionContext, LiveDocument } from './live-document';
import type { UnappliedOutcome } from './results';

export type DecisionOutcome = { ok: true } | UnappliedOutcome;

const UNKNOWN_OUTCOME_MESSAGE =
  'Artemis may or may not have applied it. Do not repeat the override: the console reads the document back (on the next view, and with every background sync) and records the outcome in its history.';

/**
 * Sends a decision to Artemis, under the document's decision lock (`lock`): the attempt is
 * recorded before the PUT and exactly one outcome after it. Applied only when Artemis's answer
 * carries the decided values; a definite refusal is failed; an answer without them is not
 * applied; anything that may have reached Artemis without saying so is unknown, and the
 * document then stays locked for the settling window (nobody writes over a PUT Artemis may
 * still carry out). `detail` is added to each event (e.g. the four-eyes pair); `recordWith`
 * commits with the attempt (a QA verdict). Every final outcome is announced to its followers.
 */
export async function applyDecision(
  context: DecisionContext,
  live: LiveDocument,
  decision: Decision,
  hold: DecisionHold,
  { detail = {}, recordWith }: { detail?: Record<string, unknown>; recordWith?: RecordWithDecision } = {},
): Promise<DecisionOutcome> {
  const customerId = context.customerId!;
  const documentId = context.documentId!;
  const body = buildLivenessPutBody(live.liveness, decision);
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
    if (error instanceof DecisionRefused) return { ok: false, kind: 'failed', message: error.message };
    logDecision().error({ customerId, documentId, error: errorText(error) }, 'override attempt not recorded; nothing sent');
    return { ok: false, kind: 'failed', message: 'The console could not record the attempt in its audit trail, so nothing was sent to Artemis. Please try again.' };
  }
  const interim = (action: AuditEventInput['action'], fields: Partial<AuditEventInput>) =>
    recordAuditEvent({ ...context, ...fields, action, correlationId: attempt.id, detail: { ...detail, ...(fields.detail as object) } });
  const outcome = async (action: AuditEventInput['action'], fields: Partial<AuditEventInput>) =>
    announceOutcome({ attempt, outcome: await interim(action, fields) }, db);
  // From here a PUT may be under way: should anything fail before its outcome is recorded, the
  // lock stays until it expires, and nothing settles the attempt or writes over it before then.
  hold.keep = true;
  const keepForSettling = async () => {
    try {
      await keepLockedForSettling(db, hold.lock, attempt.id, settlingWindowMs(getEnv().artemis.timeoutMs));
    } catch (error) {
      // The decision's own lock is kept instead: longer, never shorter.
      logDecision().warn({ customerId, documentId, error: errorText(error) }, 'settling window not set; the lock stays');
    }
  };

  let result;
  try {
    result = await (await getArtemis()).putLiveness(customerId, documentId, body);
  } catch (error) {
    if (!(error instanceof ArtemisError)) throw error;
    const upstream = { upstreamStatus: error.status ?? null, requestId: error.requestId };
    if (writeMayHaveApplied(error)) {
      await interim(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: error.kind } });
      await keepForSettling();
      return { ok: false, kind: 'unknown', message: `${unknownCause(error)} ${UNKNOWN_OUTCOME_MESSAGE}`, requestId: error.requestId };
    }
    await outcome(FAILED, { ...upstream, detail: { kind: error.kind, notSent: error.notSent } });
    hold.keep = false;
    return { ok: false, kind: 'failed', message: describeArtemisError(error), requestId: error.requestId };
  }

  const upstream = { upstreamStatus: result.status, requestId: result.requestId };
  const returned = passFailOf(result.document.liveness);
  const updatedAt = toIsoTimestamp(result.document.updatedAt);
  if (returned.conclusion === decision.conclusion && returned.facialCheck === decision.facialCheck) {
    await outcome(APPLIED, { ...upstream, detail: { updatedAt } });
    hold.keep = false;
    await noteDecisionInQueue(customerId, documentId, result.document, context.actor.email);
    return { ok: true };
  }
  if (returned.conclusion === null || returned.facialCheck === null) {
    // A 2xx that does not show the decided fields at all confirms nothing either way.
    await interim(OUTCOME_UNKNOWN, { ...upstream, detail: { kind: 'unconfirmed', returned, updatedAt } });
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
    message: `Artemis answered (HTTP ${result.status}) but kept other values: its copy of the document shows conclusion ${passFailText(returned.conclusion)} and facial check ${passFailText(returned.facialCheck)}. The override was not applied.`,
    returned,
    requestId: result.requestId,
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

/** After a decision: the customer's pages and the queue show it on their next render. */
export function revalidateDocument(customerId: number): void {
  revalidatePath(`/customers/${customerId}`, 'layout');
  revalidatePath('/');
}

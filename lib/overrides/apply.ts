import 'server-only';
import { revalidatePath } from 'next/cache';
import { getArtemis } from '@/lib/artemis';
import { ArtemisError, describeArtemisError } from '@/lib/artemis/errors';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { recordAuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { assessLiveness, type LivenessAssessment } from '@/lib/liveness/assessment';
import { buildLivenessPutBody, type Decision } from '@/lib/liveness/merge';
import type { ReasonCode } from '@/lib/liveness/reason-codes';
import { noteDecisionInQueue } from '@/lib/queue/after-override';
import type { DecisionSnapshot } from './types';

export type LiveDocument = {
  document: ArtemisDocument;
  liveness: Record<string, unknown>;
  machine: LivenessAssessment;
  snapshot: DecisionSnapshot;
};

export type Upstream<T> = { ok: true; value: T } | { ok: false; kind: 'failed' | 'not-found'; message: string; requestId?: string };

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

/**
 * Sends a decision to Artemis: the attempt is recorded before the PUT and its outcome after,
 * so nothing that reached Artemis is missing from the trail and nothing is shown as applied
 * unless Artemis answered 2xx. `detail` is added to each event (e.g. the four-eyes pair).
 */
export async function applyDecision(
  context: DecisionContext,
  live: LiveDocument,
  decision: Decision,
  detail: Record<string, unknown> = {},
): Promise<{ ok: true } | { ok: false; kind: 'failed'; message: string; requestId?: string; ambiguous?: boolean }> {
  const customerId = context.customerId!;
  const documentId = context.documentId!;
  const body = buildLivenessPutBody(live.liveness, decision);
  // The version seen lets a later reconciliation tell "never reached Artemis" from "applied".
  const attempt = await recordAuditEvent({ ...context, action: 'override.attempted', detail: { ...detail, seenUpdatedAt: live.snapshot.updatedAt } });
  let result;
  try {
    result = await (await getArtemis()).putLiveness(customerId, documentId, body);
  } catch (error) {
    // A timeout or a lost connection may still have reached Artemis: no outcome is recorded,
    // so the attempt shows as "unknown outcome" until it is settled by reading Artemis back.
    if (!(error instanceof ArtemisError) || !isAmbiguous(error)) {
      await recordAuditEvent({
        ...context,
        action: 'override.failed',
        correlationId: attempt.id,
        upstreamStatus: error instanceof ArtemisError ? (error.status ?? null) : null,
        requestId: error instanceof ArtemisError ? error.requestId : null,
        detail: { ...detail, kind: error instanceof ArtemisError ? error.kind : 'unexpected' },
      });
    }
    return { ...upstreamFailure(error), ambiguous: isAmbiguous(error as ArtemisError) };
  }
  // Outside the try: Artemis answered 2xx, so a failure from here on must never read as "failed".
  await recordAuditEvent({
    ...context,
    action: 'override.applied',
    correlationId: attempt.id,
    upstreamStatus: result.status,
    requestId: result.requestId,
    detail: { ...detail, updatedAt: toIsoTimestamp(result.document.updatedAt) },
  });
  await noteDecisionInQueue(customerId, documentId, result.document, context.actor.email);
  return { ok: true };
}

/** Whether the PUT may have reached Artemis although no answer came back. */
function isAmbiguous(error: ArtemisError): boolean {
  return error.kind === 'timeout' || error.kind === 'network';
}

export function revalidateDocument(customerId: number): void {
  revalidatePath(`/customers/${customerId}`, 'layout');
  revalidatePath('/');
}

function upstreamFailure(error: unknown): { ok: false; kind: 'failed'; message: string; requestId?: string } {
  if (!(error instanceof ArtemisError)) throw error;
  return { ok: false, kind: 'failed', message: describeArtemisError(error), requestId: error.requestId };
}

/** A refused action by a signed-in user is evidence too (who tried what, where). */
export async function recordDenial(user: CurrentUser | null, action: string, input: unknown, detail?: Record<string, unknown>): Promise<void> {
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

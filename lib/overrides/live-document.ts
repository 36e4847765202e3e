import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { upstreamFailure, type UpstreamFailure } from '@/lib/artemis/errors';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { timedRead, type DocumentRead } from '@/lib/audit/reconcile';
import type { AuditEventInput } from '@/lib/audit/trail';
import { auditActor, type CurrentUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { assessLiveness, type LivenessAssessment } from '@/lib/liveness/assessment';
import type { Decision } from '@/lib/liveness/decision';
import type { ReasonCode } from '@/lib/liveness/reason-codes';
import { decisionSnapshot, type DecisionSnapshot } from './results';

export type LiveDocument = {
  document: ArtemisDocument;
  /** When the read was sent: what it shows can only settle what was recorded before. */
  startedAt: string;
  liveness: Record<string, unknown>;
  machine: LivenessAssessment;
  snapshot: DecisionSnapshot;
};

export type Upstream<T> = { ok: true; value: T } | UpstreamFailure;

/** The one read before any write: the document as Artemis holds it now. */
export async function readLiveDocument(customerId: number, documentId: number): Promise<Upstream<LiveDocument>> {
  let read: DocumentRead;
  try {
    read = await timedRead(async () => (await getArtemis()).getDocument(customerId, documentId));
  } catch (error) {
    return upstreamFailure(error);
  }
  const { document, startedAt } = read;
  if (!document) return { ok: false, kind: 'not-found', message: 'This document no longer exists in Artemis. Nothing was changed.' };
  const liveness = (document.liveness ?? {}) as Record<string, unknown>;
  const machine = assessLiveness(liveness, getEnv().thresholds);
  return {
    ok: true,
    value: {
      document,
      startedAt,
      liveness,
      machine,
      snapshot: decisionSnapshot(machine, document.updatedAt),
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
    actor: auditActor(actor),
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

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getArtemis } from '@/lib/artemis';
import { ArtemisError, describeArtemisError } from '@/lib/artemis/errors';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authorize } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { assessLiveness } from '@/lib/liveness/assessment';
import { buildLivenessPutBody } from '@/lib/liveness/merge';
import { overrideActionSchema, toBoolean } from '@/lib/liveness/override-schema';
import { hasChangedSince } from '@/lib/liveness/version';
import { noteDecisionInQueue } from '@/lib/queue/after-override';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

export type DecisionSnapshot = {
  conclusion: boolean | undefined;
  facialCheck: boolean | undefined;
  livenessResult: boolean | undefined;
  confidence: number | undefined;
  updatedAt: string | null;
};

export type OverrideResult =
  | { ok: true; savedAt: string }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[] | undefined> }
  | { ok: false; kind: 'denied' | 'not-found' | 'failed'; message: string; requestId?: string }
  | { ok: false; kind: 'conflict'; message: string; current: DecisionSnapshot };

/**
 * Writes a reviewer's decision to Artemis: role check, the form's own schema, a fresh read to
 * refuse lost updates, the full liveness object with two fields changed, and an audit event
 * before the PUT and after it.
 */
export async function saveOverride(input: unknown): Promise<OverrideResult> {
  const gate = await authorize(OVERRIDE_ROLES);
  if (!gate.ok) {
    if (gate.user) {
      const ids = z.object({ customerId: z.number(), documentId: z.number() }).safeParse(input);
      await recordAuditEvent({
        action: 'override.denied',
        actor: { id: gate.user.id, email: gate.user.email, role: gate.user.role },
        customerId: ids.success ? ids.data.customerId : null,
        documentId: ids.success ? ids.data.documentId : null,
      });
    }
    return { ok: false, kind: 'denied', message: gate.message };
  }
  const { user } = gate;
  const actor = { id: user.id, email: user.email, role: user.role };

  const parsed = overrideActionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      kind: 'invalid',
      message: 'Some answers need attention before the override can be saved.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const { customerId, documentId, seenVersion, reasonCode, reason } = parsed.data;
  const decision = { conclusion: toBoolean(parsed.data.conclusion), facialCheck: toBoolean(parsed.data.facialCheck) };
  const { thresholds } = getEnv();
  const artemis = await getArtemis();

  let current;
  try {
    current = await artemis.getDocument(customerId, documentId);
  } catch (error) {
    return failed(error);
  }
  if (!current) return { ok: false, kind: 'not-found', message: 'This document no longer exists in Artemis. Nothing was changed.' };

  const liveness = (current.liveness ?? {}) as Record<string, unknown>;
  const machine = assessLiveness(liveness, thresholds);
  const snapshot: DecisionSnapshot = {
    conclusion: machine.conclusion,
    facialCheck: machine.facialCheck,
    livenessResult: machine.livenessResult,
    confidence: machine.confidence,
    updatedAt: toIsoTimestamp(current.updatedAt),
  };
  const context = {
    actor,
    customerId,
    documentId,
    before: { conclusion: snapshot.conclusion ?? null, facialCheck: snapshot.facialCheck ?? null },
    after: decision,
    machine: {
      livenessResult: machine.livenessResult ?? null,
      confidence: machine.confidence ?? null,
      faceDetails: Object.fromEntries(machine.attributes.map((a) => [a.key, { value: a.detected ?? null, confidence: a.confidence ?? null }])),
    },
    reasonCode,
    reasonText: reason,
    thresholds,
  };

  if (hasChangedSince(seenVersion, current)) {
    await recordAuditEvent({ ...context, action: 'override.conflict', detail: { updatedAt: snapshot.updatedAt } });
    return { ok: false, kind: 'conflict', message: 'This document changed since you opened it', current: snapshot };
  }

  const body = buildLivenessPutBody(liveness, decision);
  // The version seen lets a later reconciliation tell "never reached Artemis" from "applied".
  const attempt = await recordAuditEvent({ ...context, action: 'override.attempted', detail: { seenUpdatedAt: snapshot.updatedAt } });
  try {
    const result = await artemis.putLiveness(customerId, documentId, body);
    await recordAuditEvent({
      ...context,
      action: 'override.applied',
      correlationId: attempt.id,
      upstreamStatus: result.status,
      requestId: result.requestId,
      detail: { updatedAt: toIsoTimestamp(result.document.updatedAt) },
    });
    await noteDecisionInQueue(customerId, documentId, result.document, actor.email);
  } catch (error) {
    await recordAuditEvent({
      ...context,
      action: 'override.failed',
      correlationId: attempt.id,
      upstreamStatus: error instanceof ArtemisError ? (error.status ?? null) : null,
      requestId: error instanceof ArtemisError ? error.requestId : null,
      detail: { kind: error instanceof ArtemisError ? error.kind : 'unexpected' },
    });
    return failed(error);
  }

  revalidatePath(`/customers/${customerId}`, 'layout');
  return { ok: true, savedAt: new Date().toISOString() };
}

function failed(error: unknown): OverrideResult {
  if (!(error instanceof ArtemisError)) throw error;
  return { ok: false, kind: 'failed', message: describeArtemisError(error), requestId: error.requestId };
}

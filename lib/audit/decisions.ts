import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import { documentKeyId } from '@/lib/ids';
import { passFailOf, type PassFail } from '@/lib/liveness/decision';
import { recordFromJson } from '@/lib/records';
import { APPLIED } from './outcomes';
import type { AuditEvent } from './trail';

/** A human decision this console applied in Artemis: its latest `override.applied`. */
export type AppliedDecision = { decidedAt: string; decidedBy: string; after: PassFail };

/** The latest applied decision per document of these customers, keyed by `documentKeyId`. */
export async function latestAppliedDecisions(db: Kysely<Database>, customerIds: number[]): Promise<Map<string, AppliedDecision>> {
  const decisions = new Map<string, AppliedDecision>();
  if (customerIds.length === 0) return decisions;
  const rows = await db
    .selectFrom('audit_events')
    .select(['customer_id', 'document_id', 'occurred_at', 'actor_email', 'after_json'])
    .where('action', '=', APPLIED)
    .where('customer_id', 'in', customerIds)
    .orderBy('seq')
    .execute();
  // An unreadable `after` still counts as a decision; it is just never "in effect".
  for (const r of rows)
    decisions.set(documentKeyId(Number(r.customer_id), Number(r.document_id)), {
      decidedAt: r.occurred_at,
      decidedBy: r.actor_email,
      after: passFailOf(recordFromJson(r.after_json)),
    });
  return decisions;
}

/** The latest applied decision in a document's history (newest first, as the review screen loads it). */
export function latestAppliedIn(history: AuditEvent[]): AppliedDecision | undefined {
  const event = history.find((e) => e.action === APPLIED);
  return event && { decidedAt: event.occurredAt, decidedBy: event.actorEmail, after: passFailOf(event.after) };
}

/** The decision, while Artemis still holds what it set; null once something else changed it. */
export function decisionInEffect(
  decision: AppliedDecision | undefined,
  current: { conclusion?: boolean | null; facialCheck?: boolean | null },
): AppliedDecision | null {
  if (!decision) return null;
  return decision.after.conclusion === (current.conclusion ?? null) && decision.after.facialCheck === (current.facialCheck ?? null) ? decision : null;
}

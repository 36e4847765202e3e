import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { documentKeyId } from '@/lib/ids';
import { announcementOf, type NotificationEventType } from './actions';
import type { AuditEvent } from './trail';

/**
 * The outbox (SPEC §15): an audit event whose action is announced is written here in the event's
 * own transaction, with one delivery per webhook endpoint subscribed to its type, so nothing is
 * announced that was not recorded, nor recorded and left unannounced. Delivery is lib/notifications'.
 */

/** What a receiver gets as the payload's `data`: ids, values, emails and the link, never images. */
export type AnnouncedData = {
  auditEventId: string;
  action: string;
  occurredAt: string;
  actor: { email: string; role: string | null };
  customerId: number | null;
  documentId: number | null;
  /** The override attempt (or proposal) the event belongs to. */
  correlationId: string | null;
  before: unknown;
  after: unknown;
  reasonCode: string | null;
  assigneeEmail?: string;
  /** Only for endpoints that opted in to reason texts. */
  reasonText?: string | null;
  url: string | null;
};

/** Deliveries of one document's events go out in this order: the chain's. */
export const eventOrder = (seq: number) => String(seq).padStart(16, '0');

/** The webhook-id of an announced event: stable over every retry and resend. */
export const webhookIdOf = (auditEventId: string) => `msg_${auditEventId}`;

function announcedData(event: AuditEvent): AnnouncedData {
  const detail = (event.detail ?? {}) as { assigneeEmail?: unknown };
  const path = event.customerId !== null && event.documentId !== null ? `/customers/${event.customerId}/documents/${event.documentId}` : null;
  return {
    auditEventId: event.id,
    action: event.action,
    occurredAt: event.occurredAt,
    actor: { email: event.actorEmail, role: event.actorRole },
    customerId: event.customerId,
    documentId: event.documentId,
    correlationId: event.correlationId,
    before: event.before ?? null,
    after: event.after ?? null,
    reasonCode: event.reasonCode,
    ...(typeof detail.assigneeEmail === 'string' ? { assigneeEmail: detail.assigneeEmail } : {}),
    url: path ? `${getEnv().consoleUrl}${path}` : null,
  };
}

/** Inside the audit append's transaction: the event in the outbox and a delivery for each subscribed endpoint. */
export async function announceInTransaction(trx: Kysely<Database>, event: AuditEvent): Promise<void> {
  const type = announcementOf(event.action);
  if (!type) return;
  await addToOutbox(trx, event, type);
}

/** Also for the console's own test events (`Send test event`), which are not on the trail as decisions are. */
export async function addToOutbox(
  trx: Kysely<Database>,
  event: AuditEvent,
  type: NotificationEventType | 'webhook.test',
  onlyEndpoint?: string,
): Promise<string> {
  const id = webhookIdOf(event.id);
  const now = new Date().toISOString();
  await trx
    .insertInto('outbox_events')
    .values({
      id,
      type,
      audit_event_id: event.id,
      customer_id: event.customerId,
      document_id: event.documentId,
      occurred_at: event.occurredAt,
      payload_json: JSON.stringify(announcedData(event)),
      reason_text: event.reasonText,
    })
    .execute();
  const documentKey = event.customerId !== null && event.documentId !== null ? documentKeyId(event.customerId, event.documentId) : null;
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('enabled', '=', 1)
    .$if(onlyEndpoint === undefined, (qb) => qb.where('event_types', 'like', `%,${type},%`))
    .$if(onlyEndpoint !== undefined, (qb) => qb.where('id', '=', onlyEndpoint!))
    .execute();
  if (endpoints.length > 0) {
    await trx
      .insertInto('webhook_deliveries')
      .values(
        endpoints.map((endpoint) => ({
          id: randomUUID(),
          endpoint_id: endpoint.id,
          event_id: id,
          event_order: eventOrder(event.seq),
          document_key: documentKey,
          status: 'pending' as const,
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
  return id;
}

import 'server-only';
import { sql, type Kysely } from 'kysely';
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
  // One statement for every subscribed endpoint's delivery, inside the decision's transaction: its
  // id is the event's and the endpoint's, as text on both databases.
  const text = (value: string | null) => sql<string>`cast(${value} as text)`;
  await trx
    .insertInto('webhook_deliveries')
    .columns(['id', 'endpoint_id', 'event_id', 'event_order', 'document_key', 'status', 'attempts', 'next_attempt_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('webhook_endpoints')
        .select([
          sql<string>`${text(id)} || '.' || webhook_endpoints.id`.as('id'),
          'webhook_endpoints.id as endpoint_id',
          text(id).as('event_id'),
          text(eventOrder(event.seq)).as('event_order'),
          text(documentKey).as('document_key'),
          text('pending').as('status'),
          sql<number>`0`.as('attempts'),
          text(now).as('next_attempt_at'),
          text(now).as('created_at'),
        ])
        .where('enabled', '=', 1)
        .$if(onlyEndpoint === undefined, (qb) => qb.where('event_types', 'like', `%,${type},%`))
        .$if(onlyEndpoint !== undefined, (qb) => qb.where('id', '=', onlyEndpoint!)),
    )
    .execute();
  return id;
}

import type { Kysely, Migration } from 'kysely';

// Notifications (SPEC §15). The outbox holds each announced audit event, written in the event's
// own transaction; a webhook endpoint subscribes to event types; a delivery is one event owed to
// one endpoint, created in that same transaction, and claimed by one instance at a time.
// A document's stay in the queue also remembers when its deadline breach was announced.
export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('audit_event_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'bigint')
      .addColumn('document_id', 'bigint')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('reason_text', 'text')
      // Mail (SPEC §15): 'done' once its mails are sent (or queued for a digest); claimed like a delivery meanwhile.
      .addColumn('mail_status', 'text')
      .addColumn('mail_claimed_by', 'text')
      .addColumn('mail_claimed_until', 'text')
      .execute();
    await db.schema.createIndex('outbox_events_mail_idx').on('outbox_events').columns(['mail_status', 'type']).execute();

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      // Comma-wrapped (`,decision.applied,case.escalated,`) so that one LIKE selects the subscribers.
      .addColumn('event_types', 'text', (c) => c.notNull())
      .addColumn('include_reason_text', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('disabled_reason', 'text')
      .addColumn('failing_since', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('endpoint_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      // The outbox's order, copied: deliveries of one document to one endpoint go out in it.
      .addColumn('event_order', 'text', (c) => c.notNull())
      .addColumn('document_key', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema
      .createIndex('webhook_deliveries_order_idx')
      .on('webhook_deliveries')
      .columns(['endpoint_id', 'document_key', 'status', 'event_order'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();

    await db.schema.alterTable('document_index').addColumn('sla_breached_at', 'text').execute();

    // Per person: the kinds of mail turned off (comma-wrapped), and when the last overdue digest went.
    await db.schema
      .createTable('notification_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('mail_off', 'text', (c) => c.notNull().defaultTo(','))
      .addColumn('digest_sent_at', 'text')
      .execute();
    // Overdue documents waiting for a person's next digest (at most one an hour).
    await db.schema
      .createTable('mail_digest_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      .addColumn('document_id', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('mail_digest_items_user_idx').on('mail_digest_items').columns(['user_id', 'sent_at']).execute();
  },
};

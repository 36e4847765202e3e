import type { Kysely, Migration } from 'kysely';

export const auditQueryIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    // /audit reads newest first by seq with one optional equality filter: an index per filter
    // ending in seq lets the database walk it backwards and stop after one page.
    await db.schema.dropIndex('audit_events_actor_idx').execute();
    await db.schema.dropIndex('audit_events_action_idx').execute();
    await db.schema.createIndex('audit_events_actor_seq_idx').on('audit_events').columns(['actor_id', 'seq']).execute();
    await db.schema.createIndex('audit_events_actor_email_seq_idx').on('audit_events').columns(['actor_email', 'seq']).execute();
    await db.schema.createIndex('audit_events_action_seq_idx').on('audit_events').columns(['action', 'seq']).execute();
    await db.schema.createIndex('audit_events_customer_seq_idx').on('audit_events').columns(['customer_id', 'seq']).execute();
    await db.schema.createIndex('audit_events_reason_seq_idx').on('audit_events').columns(['reason_code', 'seq']).execute();
    // Finding an attempt's outcome (history, unknown-outcome filter, reconciliation).
    await db.schema.createIndex('audit_events_correlation_idx').on('audit_events').column('correlation_id').execute();
  },
};

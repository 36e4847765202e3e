import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect';
import { createSqliteGuard } from './sqlite-guard';

export const auditEvents: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = dialectOf(db) === 'postgres';
    await db.schema
      .createTable('audit_events')
      .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_email', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('customer_id', pg ? 'bigint' : 'integer')
      .addColumn('document_id', pg ? 'bigint' : 'integer')
      .addColumn('correlation_id', 'text')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('machine_json', 'text')
      .addColumn('reason_code', 'text')
      .addColumn('reason_text', 'text')
      .addColumn('thresholds_json', 'text')
      .addColumn('upstream_status', 'integer')
      .addColumn('request_id', 'text')
      .addColumn('detail_json', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createIndex('audit_events_document_idx').on('audit_events').columns(['customer_id', 'document_id', 'seq']).execute();
    await db.schema.createIndex('audit_events_occurred_at_idx').on('audit_events').column('occurred_at').execute();
    await db.schema.createIndex('audit_events_actor_idx').on('audit_events').column('actor_id').execute();
    await db.schema.createIndex('audit_events_action_idx').on('audit_events').column('action').execute();

    // Append-only, enforced by the database itself, not only by this code.
    if (pg) {
      await sql`
          create or replace function audit_events_append_only() returns trigger
          language plpgsql as $$
          begin
            raise exception 'audit_events is append-only' using errcode = 'restrict_violation';
          end
          $$`.execute(db);
      await sql`
          create trigger audit_events_no_update_delete
          before update or delete on audit_events
          for each row execute function audit_events_append_only()`.execute(db);
      await sql`
          create trigger audit_events_no_truncate
          before truncate on audit_events
          for each statement execute function audit_events_append_only()`.execute(db);
    } else {
      const message = 'audit_events is append-only';
      await createSqliteGuard(db, { name: 'audit_events_no_update', table: 'audit_events', event: 'update', message });
      await createSqliteGuard(db, { name: 'audit_events_no_delete', table: 'audit_events', event: 'delete', message });
    }
  },
};

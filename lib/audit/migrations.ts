import 'server-only';
import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '@/lib/db/dialect';

/**
 * The audit trail's own migrations, merged into lib/db's list (names sort in application order
 * across both). Kept here so the audit schema evolves beside the code that relies on it.
 */
export const AUDIT_MIGRATIONS: Record<string, Migration> = {
  '0010_audit_query_indexes': {
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
  },

  '0011_audit_chain_head': {
    async up(db: Kysely<unknown>) {
      const pg = dialectOf(db) === 'postgres';
      // One row naming the newest event and how many there are, updated with every append: a
      // chain cut short at its end still verifies link by link, this anchor does not.
      await db.schema
        .createTable('audit_chain_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('last_seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('last_id', 'text')
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('event_count', pg ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await sql`
        insert into audit_chain_head (id, last_seq, last_id, last_hash, event_count, updated_at)
        select 1,
               coalesce((select max(seq) from audit_events), 0),
               (select id from audit_events order by seq desc limit 1),
               coalesce((select hash from audit_events order by seq desc limit 1), ${'0'.repeat(64)}),
               (select count(*) from audit_events),
               ${new Date().toISOString()}`.execute(db);

      if (pg) {
        await sql`
          create or replace function audit_chain_head_forward_only() returns trigger
          language plpgsql as $$
          begin
            if tg_op = 'DELETE' or new.event_count < old.event_count or new.last_seq < old.last_seq then
              raise exception 'audit_chain_head only moves forward' using errcode = 'restrict_violation';
            end if;
            return new;
          end
          $$`.execute(db);
        await sql`
          create trigger audit_chain_head_forward_only
          before update or delete on audit_chain_head
          for each row execute function audit_chain_head_forward_only()`.execute(db);
      } else {
        await sql`
          create trigger audit_chain_head_no_rewind
          before update on audit_chain_head
          when new.event_count < old.event_count or new.last_seq < old.last_seq
          begin
            select raise(abort, 'audit_chain_head only moves forward');
          end`.execute(db);
        await sql`
          create trigger audit_chain_head_no_delete
          before delete on audit_chain_head
          begin
            select raise(abort, 'audit_chain_head only moves forward');
          end`.execute(db);
      }
    },
  },

  '0042_audit_one_outcome_per_attempt': {
    async up(db: Kysely<unknown>) {
      // The final outcomes of an override attempt (lib/audit/outcomes.ts, as of this migration)
      // and its interim "unknown": at most one of each per attempt. A trail written before this
      // may already hold two for one attempt; those rows stay as they are, as evidence, and are
      // left out of the index (by seq), which covers every other row.
      const finals = sql.join(['override.applied', 'override.failed', 'override.not_applied', 'override.superseded'].map((a) => sql.lit(a)));
      const { rows } = await sql<{ seq: number | string }>`
        select seq from audit_events
        where correlation_id in (
          select correlation_id from audit_events
          where action in (${finals}) or action = 'override.outcome_unknown'
          group by correlation_id, action in (${finals})
          having count(*) > 1
        )
        and (action in (${finals}) or action = 'override.outcome_unknown')`.execute(db);
      const legacy = rows.map((r) => sql.lit(Number(r.seq)));
      const exempt = legacy.length === 0 ? sql`` : sql` and seq not in (${sql.join(legacy)})`;
      await sql`create unique index audit_events_one_final_outcome on audit_events (correlation_id) where action in (${finals})${exempt}`.execute(db);
      await sql`create unique index audit_events_one_unknown_outcome on audit_events (correlation_id) where action = 'override.outcome_unknown'${exempt}`.execute(db);
    },
  },
};

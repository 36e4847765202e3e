import 'server-only';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AUDIT_MIGRATIONS } from '@/lib/audit/migrations';
import { dialectOf } from './dialect';

/**
 * The schema, as ordered migrations kept in code (no migration files are read at run time, so
 * this works the same under `next build`, `tsx` and vitest). Names sort in application order.
 * Never edit a migration that has shipped: add a new one.
 */
const migrations: Record<string, Migration> = {
  ...AUDIT_MIGRATIONS,
  '0001_users': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique().check(sql`email = lower(email)`))
        .addColumn('name', 'text')
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reviewer', 'auditor', 'admin')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
        .addColumn('session_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },

  '0002_audit_events': {
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

      await db.schema
        .createIndex('audit_events_document_idx')
        .on('audit_events')
        .columns(['customer_id', 'document_id', 'seq'])
        .execute();
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
        await sql`
          create trigger audit_events_no_update
          before update on audit_events
          begin
            select raise(abort, 'audit_events is append-only');
          end`.execute(db);
        await sql`
          create trigger audit_events_no_delete
          before delete on audit_events
          begin
            select raise(abort, 'audit_events is append-only');
          end`.execute(db);
      }
    },
  },

  '0040_override_proposals': {
    async up(db: Kysely<unknown>) {
      const pg = dialectOf(db) === 'postgres';
      await db.schema
        .createTable('override_proposals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', pg ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('document_id', pg ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('proposer_id', 'text', (c) => c.notNull())
        .addColumn('proposer_email', 'text', (c) => c.notNull())
        .addColumn('conclusion', 'text', (c) => c.notNull().check(sql`conclusion in ('pass', 'fail')`))
        .addColumn('facial_check', 'text', (c) => c.notNull().check(sql`facial_check in ('pass', 'fail')`))
        .addColumn('reason_code', 'text', (c) => c.notNull())
        .addColumn('reason_text', 'text', (c) => c.notNull())
        .addColumn('seen_version', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected', 'stale')`),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by_id', 'text')
        .addColumn('decided_by_email', 'text')
        .addColumn('decision_reason', 'text')
        .execute();
      // At most one proposal per document waits for a second reviewer at a time.
      await sql`create unique index override_proposals_one_pending on override_proposals (customer_id, document_id) where status = 'pending'`.execute(db);
      await db.schema.createIndex('override_proposals_status_idx').on('override_proposals').columns(['status', 'created_at']).execute();
    },
  },

  // Review queue (SPEC §7): a local cache of Artemis documents, rebuilt by the sync at any time.
  '0020_document_index': {
    async up(db: Kysely<unknown>) {
      const pg = dialectOf(db) === 'postgres';
      const id = pg ? 'bigint' : 'integer';
      await db.schema
        .createTable('document_index')
        .addColumn('customer_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('customer_name', 'text')
        .addColumn('customer_status', 'text')
        .addColumn('customer_risk_rating', 'text')
        .addColumn('customer_reference_id', 'text')
        .addColumn('document_type', 'text')
        .addColumn('document_number', 'text')
        .addColumn('liveness_result', 'integer')
        .addColumn('conclusion', 'integer')
        .addColumn('facial_check', 'integer')
        .addColumn('confidence', pg ? 'double precision' : 'real')
        .addColumn('flags_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('flag_kinds', 'text', (c) => c.notNull().defaultTo(','))
        .addColumn('needs_review', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('has_human_decision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('updated_at', 'text')
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_index_pk', ['customer_id', 'document_id'])
        .execute();
      // The queue: needing review, not decided, oldest first.
      await db.schema
        .createIndex('document_index_queue_idx')
        .on('document_index')
        .columns(['needs_review', 'has_human_decision', 'updated_at'])
        .execute();
      await db.schema.createIndex('document_index_decided_idx').on('document_index').columns(['has_human_decision', 'decided_at']).execute();
      await db.schema.createIndex('document_index_synced_idx').on('document_index').column('synced_at').execute();

      await db.schema
        .createTable('customer_index')
        .addColumn('customer_id', id, (c) => c.primaryKey())
        .addColumn('name', 'text')
        .addColumn('name_lower', 'text')
        .addColumn('reference_id', 'text')
        .addColumn('reference_id_lower', 'text')
        .addColumn('status', 'text')
        .addColumn('risk_rating', 'text')
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customer_index_reference_idx').on('customer_index').column('reference_id_lower').execute();
      await db.schema.createIndex('customer_index_synced_idx').on('customer_index').column('synced_at').execute();

      await db.schema
        .createTable('sync_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('next_page', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('customers_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('documents_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
    },
  },

  '0021_document_claims': {
    async up(db: Kysely<unknown>) {
      const id = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
      await db.schema
        .createTable('document_claims')
        .addColumn('customer_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_label', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_claims_pk', ['customer_id', 'document_id'])
        .execute();
      await db.schema.createIndex('document_claims_expires_idx').on('document_claims').column('expires_at').execute();
    },
  },

  // The queue's counts read these columns of every document in the queue or decided: from this
  // index alone, without touching the table's rows (lib/queue/query.ts, countFacets).
  '0041_document_index_facets': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('document_index_facets_idx')
        .on('document_index')
        .columns(['needs_review', 'has_human_decision', 'customer_status', 'customer_risk_rating', 'flag_kinds', 'confidence'])
        .execute();
    },
  },

  // One decision per document at a time, across instances (lib/overrides/decision-lock.ts).
  '0043_decision_locks': {
    async up(db: Kysely<unknown>) {
      const id = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
      await db.schema
        .createTable('decision_locks')
        .addColumn('customer_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('decision', 'settling')`))
        .addColumn('acquired_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('decision_locks_pk', ['customer_id', 'document_id'])
        .execute();
    },
  },

  // A run that resumes must remember that it met a customer it could not identify (lib/document-index/sync.ts).
  '0044_sync_state_sweep_skipped': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sync_state').addColumn('sweep_skipped', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },

  // The sign-in throttle, shared by every instance (lib/auth/throttle.ts).
  '0045_sign_in_throttle': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_attempt_at', 'text', (c) => c.notNull())
        .addColumn('blocked_until', 'text')
        .execute();
    },
  },
};

/** Static provider for Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Names of all migrations, in order (useful for tests and diagnostics). */
export const MIGRATION_NAMES = Object.keys(migrations).sort();

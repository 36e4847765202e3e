import type { Kysely, Migration } from 'kysely';
import { dialectOf } from '../dialect';

// Review queue (SPEC §7): a local cache of Artemis documents, rebuilt by the sync at any time.
export const documentIndex: Migration = {
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
    await db.schema.createIndex('document_index_queue_idx').on('document_index').columns(['needs_review', 'has_human_decision', 'updated_at']).execute();
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
};

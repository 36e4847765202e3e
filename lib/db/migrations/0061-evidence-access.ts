import type { Kysely, Migration } from 'kysely';

// Access to the evidence (SPEC §13): per person and document, when its evidence was last pulled
// (a view or a read-ahead: the fair-use limit counts both), last viewed (images are served only
// behind a recent view) and when a view or a refusal last went on the record (coalescing). Per
// person, when the fair-use limit was last recorded. Sessions say when they were last seen, and
// a password an admin issued is one-time: it expires, and must be changed before anything opens.
export const evidenceAccess: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('evidence_access')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      .addColumn('document_id', 'bigint', (c) => c.notNull())
      .addColumn('touched_at', 'text')
      .addColumn('viewed_at', 'text')
      .addColumn('view_recorded_at', 'text')
      .addColumn('denial_recorded_at', 'text')
      .addPrimaryKeyConstraint('evidence_access_pk', ['user_id', 'customer_id', 'document_id'])
      .execute();
    await db.schema.createIndex('evidence_access_touched_idx').on('evidence_access').columns(['user_id', 'touched_at']).execute();

    await db.schema
      .createTable('evidence_limits')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('password_expires_at', 'text').execute();
  },
};

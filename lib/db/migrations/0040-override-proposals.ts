import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect';

export const overrideProposals: Migration = {
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
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status in ('pending', 'approved', 'rejected', 'stale')`),
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
};

import { sql, type Kysely, type Migration } from 'kysely';

// Due dates (SPEC §14): when the index first saw a document needing review. Documents already in
// the queue take the time of the sync that last saw them, the earliest the index can vouch for.
export const dueDates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('document_index').addColumn('queued_at', 'text').execute();
    await sql`update document_index set queued_at = synced_at where needs_review = 1 and has_human_decision = 0`.execute(db);
    // The queue sorted by due time reads this index; the counts' covering index gains the column their overdue count reads.
    await db.schema.createIndex('document_index_due_idx').on('document_index').columns(['needs_review', 'has_human_decision', 'queued_at']).execute();
    await db.schema.dropIndex('document_index_facets_idx').execute();
    await db.schema
      .createIndex('document_index_facets_idx')
      .on('document_index')
      .columns(['needs_review', 'has_human_decision', 'customer_status', 'customer_risk_rating', 'flag_kinds', 'confidence', 'queued_at'])
      .execute();
  },
};

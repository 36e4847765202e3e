import type { Kysely, Migration } from 'kysely';

// The queue's counts read these columns of every document in the queue or decided: from this
// index alone, without touching the table's rows (lib/queue/query.ts, countFacets).
export const documentIndexFacets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('document_index_facets_idx')
      .on('document_index')
      .columns(['needs_review', 'has_human_decision', 'customer_status', 'customer_risk_rating', 'flag_kinds', 'confidence'])
      .execute();
  },
};

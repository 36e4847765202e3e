import { sql, type Kysely, type Migration } from 'kysely';

// Case work (SPEC §14), kept on the document's index row for its current stay in the queue: when
// the index first saw it needing review (documents already queued take the time of the sync
// that last saw them, the earliest the index can vouch for), its escalation and its assignee.
export const caseWork: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['queued_at', 'escalated_at', 'escalated_by', 'escalation_reason', 'assigned_to', 'assigned_label', 'assigned_at']) {
      await db.schema.alterTable('document_index').addColumn(column, 'text').execute();
    }
    await sql`update document_index set queued_at = synced_at where needs_review = 1 and has_human_decision = 0`.execute(db);
    // The queue sorted by due time reads this index; the counts' covering index gains the columns their new counts read.
    await db.schema.createIndex('document_index_due_idx').on('document_index').columns(['needs_review', 'has_human_decision', 'queued_at']).execute();
    await db.schema.createIndex('document_index_assigned_idx').on('document_index').columns(['assigned_to', 'needs_review', 'has_human_decision']).execute();
    await db.schema.dropIndex('document_index_facets_idx').execute();
    await db.schema
      .createIndex('document_index_facets_idx')
      .on('document_index')
      .columns([
        'needs_review',
        'has_human_decision',
        'customer_status',
        'customer_risk_rating',
        'flag_kinds',
        'confidence',
        'queued_at',
        'escalated_at',
        'assigned_to',
      ])
      .execute();
  },
};

import type { Kysely, Migration } from 'kysely';
import { dialectOf } from '../dialect';

// QA sampling of automated passes (SPEC §11): one row per drawn document, never a document twice.
export const qaSamples: Migration = {
  async up(db: Kysely<unknown>) {
    const id = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('qa_samples')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('customer_id', id, (c) => c.notNull())
      .addColumn('document_id', id, (c) => c.notNull())
      .addColumn('seed', 'text', (c) => c.notNull())
      .addColumn('percent', 'real', (c) => c.notNull())
      .addColumn('drawn_at', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text')
      .addColumn('verdict_by', 'text')
      .addColumn('verdict_at', 'text')
      // Unique per document, not only per (day, document): a document is drawn at most once ever.
      .addPrimaryKeyConstraint('qa_samples_pk', ['customer_id', 'document_id'])
      .execute();
    await db.schema.createIndex('qa_samples_day_idx').on('qa_samples').columns(['day', 'customer_id', 'document_id']).unique().execute();
  },
};

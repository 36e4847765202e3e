import type { Kysely, Migration } from 'kysely';
import { dialectOf } from '../dialect';

export const documentClaims: Migration = {
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
};

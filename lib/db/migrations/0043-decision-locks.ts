import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect';

// One decision per document at a time, across instances (lib/overrides/decision-lock.ts).
export const decisionLocks: Migration = {
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
};

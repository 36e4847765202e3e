import type { Kysely, Migration } from 'kysely';

// A run that resumes must remember that it met a customer it could not identify (lib/document-index/sync.ts).
export const syncStateSweepSkipped: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('sync_state')
      .addColumn('sweep_skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

import type { Kysely, Migration } from 'kysely';

// The last complete sync, kept through the runs after it: the metrics report its time and duration.
export const syncLastSuccess: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sync_state').addColumn('last_success_at', 'text').execute();
    await db.schema.alterTable('sync_state').addColumn('last_success_ms', 'integer').execute();
  },
};

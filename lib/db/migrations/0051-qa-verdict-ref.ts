import type { Kysely, Migration } from 'kysely';

// A Disagree is recorded with its override's attempt (or proposal), before the PUT: the sample
// keeps that reference, so an override that turns out not applied withdraws exactly its verdict.
export const qaVerdictRef: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('qa_samples').addColumn('verdict_ref', 'text').execute();
  },
};

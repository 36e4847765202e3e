import { sql, type Kysely, type Migration } from 'kysely';

export const auditOneOutcomePerAttempt: Migration = {
  async up(db: Kysely<unknown>) {
    // The final outcomes of an override attempt (lib/audit/outcomes.ts, as of this migration)
    // and its interim "unknown": at most one of each per attempt. A trail written before this
    // may already hold two for one attempt; those rows stay as they are, as evidence, and are
    // left out of the index (by seq), which covers every other row.
    const finals = sql.join(['override.applied', 'override.failed', 'override.not_applied', 'override.superseded'].map((a) => sql.lit(a)));
    const { rows } = await sql<{ seq: number | string }>`
        select seq from audit_events
        where correlation_id in (
          select correlation_id from audit_events
          where action in (${finals}) or action = 'override.outcome_unknown'
          group by correlation_id, action in (${finals})
          having count(*) > 1
        )
        and (action in (${finals}) or action = 'override.outcome_unknown')`.execute(db);
    const legacy = rows.map((r) => sql.lit(Number(r.seq)));
    const exempt = legacy.length === 0 ? sql`` : sql` and seq not in (${sql.join(legacy)})`;
    await sql`create unique index audit_events_one_final_outcome on audit_events (correlation_id) where action in (${finals})${exempt}`.execute(db);
    await sql`create unique index audit_events_one_unknown_outcome on audit_events (correlation_id) where action = 'override.outcome_unknown'${exempt}`.execute(
      db,
    );
  },
};

import { sql, type Kysely } from 'kysely';

/** A SQLite trigger that refuses `event` on `table` (only when `when` holds, if given) with `message`. */
export function createSqliteGuard(db: Kysely<unknown>, guard: { name: string; table: string; event: 'update' | 'delete'; when?: string; message: string }) {
  const when = guard.when ? sql.raw(`when ${guard.when}`) : sql``;
  return sql`
      create trigger ${sql.raw(guard.name)}
      before ${sql.raw(guard.event)} on ${sql.raw(guard.table)}
      ${when}
      begin
        select raise(abort, ${sql.lit(guard.message)});
      end`.execute(db);
}

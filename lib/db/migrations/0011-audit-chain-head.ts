import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect';
import { createSqliteGuard } from './sqlite-guard';

export const auditChainHead: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = dialectOf(db) === 'postgres';
    // One row naming the newest event and how many there are, updated with every append: a
    // chain cut short at its end still verifies link by link, this anchor does not.
    await db.schema
      .createTable('audit_chain_head')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('last_seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
      .addColumn('last_id', 'text')
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .addColumn('event_count', pg ? 'bigint' : 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await sql`
        insert into audit_chain_head (id, last_seq, last_id, last_hash, event_count, updated_at)
        select 1,
               coalesce((select max(seq) from audit_events), 0),
               (select id from audit_events order by seq desc limit 1),
               coalesce((select hash from audit_events order by seq desc limit 1), ${'0'.repeat(64)}),
               (select count(*) from audit_events),
               ${new Date().toISOString()}`.execute(db);

    if (pg) {
      await sql`
          create or replace function audit_chain_head_forward_only() returns trigger
          language plpgsql as $$
          begin
            if tg_op = 'DELETE' or new.event_count < old.event_count or new.last_seq < old.last_seq then
              raise exception 'audit_chain_head only moves forward' using errcode = 'restrict_violation';
            end if;
            return new;
          end
          $$`.execute(db);
      await sql`
          create trigger audit_chain_head_forward_only
          before update or delete on audit_chain_head
          for each row execute function audit_chain_head_forward_only()`.execute(db);
    } else {
      const message = 'audit_chain_head only moves forward';
      const table = 'audit_chain_head';
      await createSqliteGuard(db, {
        name: 'audit_chain_head_no_rewind',
        table,
        event: 'update',
        when: 'new.event_count < old.event_count or new.last_seq < old.last_seq',
        message,
      });
      await createSqliteGuard(db, { name: 'audit_chain_head_no_delete', table, event: 'delete', message });
    }
  },
};

import 'server-only';
import type { Kysely } from 'kysely';
import { getDb, type Database } from '@/lib/db';
import { GENESIS_HASH, hashOfStoredRow } from './event-hash';

export type AuditChainResult = { ok: true; count: number } | { ok: false; count: number; brokenAt: { seq: number; id: string; reason: string } };

const VERIFY_BATCH = 1000;

/**
 * Walks the whole chain in order and recomputes every hash. Reports the first event whose
 * content no longer matches its hash (edited), whose prev_hash does not match the event
 * before it (an event was deleted, inserted or reordered), or whose time is before the
 * previous event's (see chainedTime). The chain head, read first, names
 * the newest event and the count at that moment: if that event is missing or the count
 * differs, the newest events were removed. Someone who can drop triggers can also rewrite the
 * head; only a copy kept elsewhere (see `count`) guards against that.
 */
export async function verifyAuditChain(db?: Kysely<Database>): Promise<AuditChainResult> {
  const target = db ?? (await getDb());
  // Read before the walk: events appended meanwhile come after it and are checked link by link.
  const head = await target.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const headSeq = head ? Number(head.last_seq) : null;
  const headCount = head ? Number(head.event_count) : null;
  let headSeen = headCount === 0;
  let expectedPrev = GENESIS_HASH;
  let previousTime = '';
  let count = 0;
  let afterSeq: number | null = null;

  const truncated = (): AuditChainResult => ({
    ok: false,
    count,
    brokenAt: {
      seq: headSeq ?? 0,
      id: head?.last_id ?? '(none)',
      reason: `the newest events are missing: the chain head records ${headCount} events ending at event #${headSeq}, the table holds ${count} before it`,
    },
  });

  for (;;) {
    let query = target.selectFrom('audit_events').selectAll().orderBy('seq').limit(VERIFY_BATCH);
    if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
    const rows = await query.execute();

    for (const row of rows) {
      const seq = Number(row.seq);
      if (hashOfStoredRow(row) !== row.hash) {
        return { ok: false, count, brokenAt: { seq, id: row.id, reason: 'its content does not match its hash (the event was altered)' } };
      }
      if (row.prev_hash !== expectedPrev) {
        const reason =
          count === 0
            ? 'it does not chain to the start of the trail (earlier events were removed or reordered)'
            : 'it does not chain to the event before it (an event was deleted, inserted or reordered)';
        return { ok: false, count, brokenAt: { seq, id: row.id, reason } };
      }
      if (row.occurred_at < previousTime) {
        return {
          ok: false,
          count,
          brokenAt: { seq, id: row.id, reason: 'it is dated before the event it follows (time must not go backwards along the chain)' },
        };
      }
      if (!headSeen && headSeq !== null && seq > headSeq) return truncated();
      expectedPrev = row.hash;
      previousTime = row.occurred_at;
      count += 1;
      afterSeq = seq;
      if (!headSeen && seq === headSeq) {
        if (row.hash !== head!.last_hash || count !== headCount) return truncated();
        headSeen = true;
      }
    }
    if (rows.length < VERIFY_BATCH) return head && !headSeen ? truncated() : { ok: true, count };
  }
}

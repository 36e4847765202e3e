import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';

export type ChainHead = { seq: number; hash: string; eventCount: number };

/** The audit chain's newest event as the append lock last left it. */
export async function readChainHead(db: Kysely<Database>): Promise<ChainHead> {
  const head = await db.selectFrom('audit_chain_head').select(['last_seq', 'last_hash', 'event_count']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), hash: head.last_hash, eventCount: Number(head.event_count) };
}

import 'server-only';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { lockChainForAppend, recordAuditEvent, type AuditActor, type AuditEvent } from '@/lib/audit/trail';
import { every } from '@/lib/background';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { readChainHead } from './chain-head';
import type { PackCheckpoint } from './format';
import { checkpointMessage } from './signature';
import { evidenceSigner } from './signer';

const CHECKPOINT = 'audit.checkpoint';
const HOUR_MS = 60 * 60 * 1000;
let started = false;

/** Who signs the daily checkpoint: the console itself. */
export const CONSOLE_ACTOR: AuditActor = { id: null, email: 'console', role: null };

/**
 * Signs the chain's head (sequence, hash, time) and records the signature as an
 * `audit.checkpoint` event, which itself extends the chain. With `unlessWithinMs`, does nothing
 * when a checkpoint is that recent: every instance may ask, one signs (under the append lock).
 */
export async function takeCheckpoint(db: Kysely<Database>, actor: AuditActor, options: { unlessWithinMs?: number } = {}): Promise<AuditEvent | null> {
  return writeTransaction(db, async (trx) => {
    await lockChainForAppend(trx);
    if (options.unlessWithinMs !== undefined) {
      const last = await trx
        .selectFrom('audit_events')
        .select('occurred_at')
        .where('action', '=', CHECKPOINT)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last && Date.now() - Date.parse(last.occurred_at) < options.unlessWithinMs) return null;
    }
    const head = await readChainHead(trx);
    if (head.eventCount === 0) return null;
    const signer = evidenceSigner();
    const signed = { seq: head.seq, hash: head.hash, at: new Date().toISOString() };
    const signature = signer.sign(checkpointMessage(signed)).toString('base64');
    return recordAuditEvent({ action: CHECKPOINT, actor, detail: { ...signed, keyId: signer.keyId, signature } }, trx);
  });
}

/**
 * Every instance looks each hour (and a minute after start) whether the newest checkpoint is
 * `hours` old; the first to find it so signs. `hours` 0: only on demand.
 */
export function startCheckpoints(hours: number): void {
  if (hours === 0 || started) return;
  started = true;
  const due = async () => takeCheckpoint(await getDb(), CONSOLE_ACTOR, { unlessWithinMs: hours * HOUR_MS });
  every('audit checkpoint', HOUR_MS, due, { firstAfterMs: 60_000 });
}

const detailSchema = z.object({ seq: z.number().int(), hash: z.string(), at: z.string(), keyId: z.string(), signature: z.string() });

/**
 * Checkpoints signed with `keyId` over heads at or after `fromSeq`, in chain order. Others
 * (another key, an unreadable detail) cannot be checked with the pack's key and are left out.
 */
export async function checkpointsFrom(db: Kysely<Database>, fromSeq: number, keyId: string, upToSeq: number): Promise<PackCheckpoint[]> {
  // A checkpoint event always comes after the head it signs.
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'id', 'detail_json'])
    .where('action', '=', CHECKPOINT)
    .where('seq', '>', fromSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq', 'asc')
    .execute();
  const checkpoints: PackCheckpoint[] = [];
  for (const row of rows) {
    const detail = detailSchema.safeParse(row.detail_json === null ? null : JSON.parse(row.detail_json));
    if (!detail.success || detail.data.keyId !== keyId || detail.data.seq < fromSeq) continue;
    checkpoints.push({ ...detail.data, recordedAs: { seq: Number(row.seq), id: row.id } });
  }
  return checkpoints;
}

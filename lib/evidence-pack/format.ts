// The files of an evidence pack and the statement that binds them (SPEC §16; docs/evidence.md).
// Pure: the console writes it, the offline verifier reads it.
import { z } from 'zod';
import type { AuditEventRow } from '@/lib/db/schema';
import { storedContent, type ChainedContent } from '@/lib/audit/event-hash';

export const PACK_FILES = {
  events: 'events.json',
  statement: 'statement.json',
  signature: 'statement.sig',
  publicKey: 'public-key.pem',
  report: 'report.pdf',
} as const;

/** One event of events.json: exactly what its hash covers, plus its place in the chain and the hash. */
export type PackEvent = { seq: number } & ChainedContent & { hash: string };

export function packEvent(row: AuditEventRow): PackEvent {
  return { seq: Number(row.seq), ...storedContent(row), hash: row.hash };
}

// events.json is a JSON array with one event per line, so that a million events can be written
// and checked a line at a time.
export const EVENTS_JSON_OPEN = '[\n';
export const EVENTS_JSON_SEPARATOR = ',\n';
export const EVENTS_JSON_CLOSE = '\n]\n';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().nonnegative();

const checkpointSchema = z.object({
  seq,
  hash: sha256,
  at: z.string(),
  keyId: sha256,
  /** Base64 of the Ed25519 signature over the checkpoint's message (lib/evidence-pack/signature.ts). */
  signature: z.string(),
  /** The `audit.checkpoint` event that recorded it. */
  recordedAs: z.object({ seq, id: z.string() }),
});

export const statementSchema = z.object({
  type: z.literal('lrc.evidence-statement/1'),
  packId: z.string(),
  createdAt: z.string(),
  exportedBy: z.object({ email: z.string(), role: z.string() }),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('document'), customerId: z.number().int(), documentId: z.number().int() }),
    z.object({ kind: z.literal('period'), filters: z.record(z.string(), z.string()) }),
  ]),
  /** The chain's head when the pack was made: every event in it is at or before this. */
  chain: z.object({ seq, hash: sha256, eventCount: seq }),
  key: z.object({ algorithm: z.literal('Ed25519'), keyId: sha256 }),
  /** sha256 and size of every other file in the pack. */
  files: z.record(z.string(), z.object({ sha256, bytes: seq })),
  eventCount: seq,
  /** A document pack lists its events, each with the first signed checkpoint at or after it. */
  events: z.array(z.object({ seq, id: z.string(), hash: sha256, checkpointSeq: seq.nullable() })).optional(),
  checkpoints: z.array(checkpointSchema),
});

export type Statement = z.infer<typeof statementSchema>;
export type PackCheckpoint = z.infer<typeof checkpointSchema>;

/**
 * Follows a pack's events in chain order against `checkpoints` (in chain order too): each event's
 * is the first checkpoint at or after it; `used` are those some event named.
 */
export function checkpointCoverage(checkpoints: readonly PackCheckpoint[]) {
  let next = 0;
  const named = new Set<PackCheckpoint>();
  return {
    of(eventSeq: number): PackCheckpoint | undefined {
      while (next < checkpoints.length && checkpoints[next]!.seq < eventSeq) next += 1;
      const checkpoint = checkpoints[next];
      if (checkpoint) named.add(checkpoint);
      return checkpoint;
    },
    used: () => checkpoints.filter((checkpoint) => named.has(checkpoint)),
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { advanceChainHead, computeEventHash, GENESIS_HASH, lockChainForAppend } from '@/lib/audit/trail';
import { writeTransaction, type Database } from '@/lib/db';
import { REASON_CODES } from '@/lib/liveness/reason-codes';
import { APPLIED, FAILED } from '@/lib/audit/outcomes';
import { seededRandom } from '@/sandbox/random';

export type SyntheticOptions = {
  /** Rows per INSERT statement (20 columns each: stays under both databases' parameter limits). */
  rowsPerInsert?: number;
  /** Rows per transaction (the append lock is held this long). */
  rowsPerTransaction?: number;
  /** Distinct reviewers, customers and documents to spread the events over. */
  reviewers?: number;
  customers?: number;
  /** First event time; the rest follow at `stepMs` intervals. Defaults to 90 days ago. */
  start?: Date;
  stepMs?: number;
  /** Deterministic pseudo-random choices. */
  seed?: number;
};

/**
 * Appends `count` realistic override events (attempt → applied mostly; some failed, conflicts,
 * and a few attempts without an outcome) for benchmarks, chained and anchored exactly like
 * recordAuditEvent's, so `audit:verify` passes afterwards. Returns the number appended.
 */
export async function insertSyntheticAuditEvents(db: Kysely<Database>, count: number, options: SyntheticOptions = {}): Promise<number> {
  const rowsPerInsert = options.rowsPerInsert ?? 500;
  const rowsPerTransaction = options.rowsPerTransaction ?? 5000;
  const reviewers = options.reviewers ?? 12;
  const customers = options.customers ?? 2000;
  const stepMs = options.stepMs ?? 1000;
  let time = (options.start ?? new Date(Date.now() - 90 * 86_400_000)).getTime();
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const thresholds = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };

  // Events are produced in pairs (attempt, outcome) sharing a correlation id.
  let pendingAttempt: { id: string; base: Record<string, unknown> } | null = null;
  const next = () => {
    time += stepMs;
    const occurred_at = new Date(time).toISOString();
    if (pendingAttempt) {
      const roll = random();
      const { id, base } = pendingAttempt;
      pendingAttempt = null;
      const action = roll < 0.9 ? APPLIED : FAILED;
      return {
        ...base,
        id: randomUUID(),
        occurred_at,
        action,
        correlation_id: id,
        upstream_status: action === APPLIED ? 200 : 503,
        request_id: randomUUID(),
      };
    }
    const r = Math.floor(random() * reviewers);
    const customer = 100_000 + Math.floor(random() * customers);
    const machineResult = random() < 0.6;
    const confidence = Math.round(random() * 10_000) / 100;
    const human = random() < 0.7 ? !machineResult : machineResult;
    const base = {
      actor_id: `synthetic-${r}`,
      actor_email: `reviewer${r}@synthetic.test`,
      actor_role: 'reviewer',
      customer_id: customer,
      document_id: customer * 10 + Math.floor(random() * 3),
      before_json: JSON.stringify({ conclusion: machineResult, facialCheck: machineResult }),
      after_json: JSON.stringify({ conclusion: human, facialCheck: human }),
      machine_json: JSON.stringify({
        confidence,
        faceDetails: {
          eyesClosed: { confidence: 95, value: false },
          faceOccluded: { confidence: 97, value: false },
          sunglasses: { confidence: 99, value: random() < 0.1 },
        },
        livenessResult: machineResult,
      }),
      reason_code: pick(REASON_CODES),
      reason_text: `Synthetic decision ${randomUUID().slice(0, 8)}, reviewed every frame.`,
      thresholds_json: JSON.stringify(thresholds),
      detail_json: null,
    };
    const roll = random();
    const id = randomUUID();
    if (roll < 0.05) return { ...base, id, occurred_at, action: 'override.conflict', correlation_id: null, upstream_status: null, request_id: null };
    if (roll > 0.01) pendingAttempt = { id, base };
    return { ...base, id, occurred_at, action: 'override.attempted', correlation_id: null, upstream_status: null, request_id: null };
  };

  let written = 0;
  while (written < count) {
    const inThisTransaction = Math.min(rowsPerTransaction, count - written);
    await writeTransaction(db, async (trx) => {
      await lockChainForAppend(trx);
      const last = await trx.selectFrom('audit_events').select(['hash', 'occurred_at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      let prev = last?.hash ?? GENESIS_HASH;
      // Time follows the chain (chainedTime): never start before the newest event.
      if (last) time = Math.max(time, Date.parse(last.occurred_at));
      let done = 0;
      while (done < inThisTransaction) {
        const rows = [];
        for (let i = 0; i < Math.min(rowsPerInsert, inThisTransaction - done); i++) {
          const content = { ...(next() as Record<string, unknown>), prev_hash: prev } as Parameters<typeof computeEventHash>[0];
          const row = { ...content, hash: computeEventHash(content) };
          prev = row.hash;
          rows.push(row);
        }
        // One multi-row INSERT assigns seq in the order of its VALUES list, which is chain order.
        const inserted = await trx.insertInto('audit_events').values(rows).returning(['seq', 'id']).execute();
        const newest = inserted.reduce((a, b) => (Number(b.seq) > Number(a.seq) ? b : a));
        await advanceChainHead(trx, { seq: Number(newest.seq), id: newest.id, hash: prev }, rows.length);
        done += rows.length;
      }
    });
    written += inThisTransaction;
  }
  return written;
}

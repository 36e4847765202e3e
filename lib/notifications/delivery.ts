import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { Agent, fetch as undiciFetch } from 'undici';
import { publicOnlyLookup } from '@/lib/artemis/binary';
import { dialectOf, writeTransaction, type Database } from '@/lib/db';
import type { WebhookDeliveriesTable } from '@/lib/db/schema';
import { errorText } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { isAllowedReceiver } from './endpoints';

/**
 * Webhook delivery (SPEC §15): at least once, in order per document and endpoint, by one instance
 * at a time. An instance claims due deliveries for CLAIM_MS (FOR UPDATE SKIP LOCKED on
 * PostgreSQL; SQLite's single writer on SQLite), so a process that stops mid-delivery leaves a
 * claim that simply runs out. 5xx, 408, 429, timeouts and connection errors are retried with
 * exponential backoff (or the receiver's Retry-After) for 24 hours; any other answer stops.
 */

const ATTEMPT_TIMEOUT_MS = 10_000;
/** A claim outlives an attempt's timeout several times over. */
const CLAIM_MS = 60_000;
export const RETRY_FOR_MS = 24 * 60 * 60_000;
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 60 * 60_000;
const BATCH = 10;

export type Delivery = Omit<WebhookDeliveriesTable, 'attempts'> & { attempts: number };

/** What one attempt came to. */
export type AttemptResult = { kind: 'delivered'; status: number } | { kind: 'retry' | 'stop'; status: number | null; error: string; retryAfterMs?: number };

/** Seconds or an HTTP date, as receivers send Retry-After; undefined when neither. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before attempt `attempts + 1`: doubling from 5 s to an hour, a tenth of jitter, or the receiver's Retry-After. */
export function nextDelayMs(attempts: number, retryAfter: number | undefined, random = Math.random): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, LONGEST_RETRY_MS);
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Deliveries owed now to an enabled endpoint and claimed by no one (whose claim has not run out). */
function dueDeliveries(db: Kysely<Database>, at: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<', at)]))
    .where('d.endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1));
}

/** Claims up to `limit` due deliveries for `claimant`: none whose document has an earlier one still owed to the same endpoint. */
export async function claimDueDeliveries(db: Kysely<Database>, claimant: string, now = new Date(), limit = BATCH): Promise<Delivery[]> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const due = dueDeliveries(trx, at)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as earlier')
              .select('earlier.id')
              .whereRef('earlier.endpoint_id', '=', 'd.endpoint_id')
              .whereRef('earlier.document_key', '=', 'd.document_key')
              .where('earlier.status', '=', 'pending')
              .whereRef('earlier.event_order', '<', 'd.event_order'),
          ),
        ),
      )
      .orderBy('d.event_order')
      .limit(limit)
      .$if(dialectOf(trx) === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const rows = await trx
      .updateTable('webhook_deliveries')
      .set({ claimed_by: claimant, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
  });
}

// Receivers outside WEBHOOK_ALLOWED_HOSTS are reached only at public addresses, checked at each connection.
const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup() } });

/** One attempt: the event signed as Standard Webhooks says, posted, and the answer classified. */
export async function attempt(db: Kysely<Database>, delivery: Delivery, now = new Date()): Promise<AttemptResult> {
  const [event, endpoint] = await Promise.all([
    db.selectFrom('outbox_events').selectAll().where('id', '=', delivery.event_id).executeTakeFirst(),
    db.selectFrom('webhook_endpoints').select(['url', 'secret', 'include_reason_text']).where('id', '=', delivery.endpoint_id).executeTakeFirst(),
  ]);
  if (!event || !endpoint) return { kind: 'stop', status: null, error: 'The event or the endpoint no longer exists.' };
  const data = JSON.parse(event.payload_json) as Record<string, unknown>;
  if (Number(endpoint.include_reason_text) === 1) data.reasonText = event.reason_text;
  const body = JSON.stringify({ type: event.type, timestamp: event.occurred_at, data });
  const url = new URL(endpoint.url);
  try {
    const response = await undiciFetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'LivenessReviewConsole-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(endpoint.secret).sign(event.id, now, body),
      },
      ...(isAllowedReceiver(url) ? {} : { dispatcher: publicOnly }),
    });
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    const retryable = status >= 500 || status === 408 || status === 429;
    return {
      kind: retryable ? 'retry' : 'stop',
      status,
      error: `Answered ${status}`,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), now.getTime()),
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { kind: 'retry', status: null, error: timedOut ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` : `Not reached: ${errorText(error)}` };
  }
}

/**
 * Records an attempt, if the claim is still this claimant's: the delivery's state, and the
 * endpoint's run of failures; an endpoint failing for 24 hours is disabled with the reason.
 */
export async function recordAttempt(db: Kysely<Database>, delivery: Delivery, claimant: string, result: AttemptResult, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const attempts = delivery.attempts + 1;
  const next = result.kind === 'retry' ? now.getTime() + nextDelayMs(attempts, result.retryAfterMs) : null;
  const givesUp = next !== null && next - Date.parse(delivery.created_at) > RETRY_FOR_MS;
  const status = result.kind === 'delivered' ? 'delivered' : result.kind === 'stop' || givesUp ? 'failed' : 'pending';
  await writeTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('webhook_deliveries')
      .set({
        status,
        attempts,
        claimed_by: null,
        claimed_until: null,
        last_status: result.status,
        last_error: result.kind === 'delivered' ? null : givesUp ? `${result.error}; gave up after 24 hours` : result.error,
        last_attempt_at: at,
        next_attempt_at: next === null ? delivery.next_attempt_at : new Date(next).toISOString(),
        delivered_at: result.kind === 'delivered' ? at : null,
      })
      .where('id', '=', delivery.id)
      .where('claimed_by', '=', claimant)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    if (result.kind === 'delivered') {
      await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', delivery.endpoint_id).execute();
      return;
    }
    const endpoint = await trx.selectFrom('webhook_endpoints').select(['failing_since', 'enabled']).where('id', '=', delivery.endpoint_id).executeTakeFirst();
    if (!endpoint) return;
    const since = endpoint.failing_since ?? at;
    const failingTooLong = now.getTime() - Date.parse(since) >= RETRY_FOR_MS;
    await trx
      .updateTable('webhook_endpoints')
      .set(
        failingTooLong && Number(endpoint.enabled) === 1
          ? { failing_since: since, enabled: 0, disabled_reason: `Disabled automatically: failing since ${since} (last: ${result.error})` }
          : { failing_since: since },
      )
      .where('id', '=', delivery.endpoint_id)
      .execute();
  });
  metrics().webhookDeliveries.inc({ result: status === 'pending' ? 'retry' : status });
}

/** Claims what is due and attempts it; returns how many were attempted. A read first: most turns find nothing to claim. */
export async function deliverDue(db: Kysely<Database>, claimant: string, now = () => new Date()): Promise<number> {
  if (!(await dueDeliveries(db, now().toISOString()).limit(1).executeTakeFirst())) return 0;
  const claimed = await claimDueDeliveries(db, claimant, now());
  await Promise.all(
    claimed.map(async (delivery) => {
      const result = await attempt(db, delivery, now());
      await recordAttempt(db, delivery, claimant, result, now());
    }),
  );
  return claimed.length;
}

/** `Resend`: the same event (same webhook-id) owed to its endpoint again, as a new delivery. */
export async function resendDelivery(db: Kysely<Database>, deliveryId: string): Promise<Delivery | null> {
  return writeTransaction(db, async (trx) => {
    const original = await trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
    if (!original) return null;
    const at = new Date().toISOString();
    const copy = {
      id: randomUUID(),
      endpoint_id: original.endpoint_id,
      event_id: original.event_id,
      event_order: original.event_order,
      document_key: original.document_key,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: at,
      claimed_by: null,
      claimed_until: null,
      last_status: null,
      last_error: null,
      last_attempt_at: null,
      created_at: at,
      delivered_at: null,
    };
    await trx.insertInto('webhook_deliveries').values(copy).execute();
    return copy;
  });
}

/** A delivery as an endpoint's page lists it. */
export type DeliveryLogRow = {
  id: string;
  eventId: string;
  eventType: string;
  documentKey: string | null;
  status: Delivery['status'];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

/** The endpoint's most recent deliveries, newest first. */
export async function recentDeliveries(db: Kysely<Database>, endpointId: string, limit = 50): Promise<DeliveryLogRow[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.event_id',
      'e.type',
      'd.document_key',
      'd.status',
      'd.attempts',
      'd.last_status',
      'd.last_error',
      'd.last_attempt_at',
      'd.next_attempt_at',
      'd.created_at',
    ])
    .where('d.endpoint_id', '=', endpointId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.event_order', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.type,
    documentKey: r.document_key,
    status: r.status,
    attempts: Number(r.attempts),
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    createdAt: r.created_at,
  }));
}

/** The owed deliveries and the age of the oldest, for the operators' gauges. */
export async function outboxFigures(db: Kysely<Database>, now = new Date()): Promise<{ pending: number; oldestSeconds: number }> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => [eb.fn.countAll<number | string>().as('pending'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldestSeconds: row.oldest ? Math.max(0, (now.getTime() - Date.parse(row.oldest)) / 1000) : 0 };
}

import 'server-only';
import { sql, type Kysely } from 'kysely';
import { recordAuditEvent, type AuditEvent } from '@/lib/audit/trail';
import { dialectOf, getDb, writeTransaction, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { DocumentKey } from '@/lib/ids';
import { metrics } from '@/lib/metrics';

/**
 * Who looked at which face (SPEC §13). A review screen opened is an `evidence.viewed` on the
 * trail, one per person and document per window; images are served only behind a recent view;
 * and the documents a person pulls (opened or read ahead) are limited per window. The state is
 * one row per person and document (`evidence_access`); the trail holds the evidence.
 */

/** Views of one document by one person within this window are one event; the fair-use limit counts over it too. */
export const VIEW_WINDOW_MS = 10 * 60_000;
/** How long after a view its images may still be fetched. */
export const IMAGE_WINDOW_MS = 30 * 60_000;

/** The signed-in person, as the trail names them. */
export type Person = { id: string; email: string; role: string };

/** Where a request came from, as the trail keeps it. */
export type AccessRequest = { client: string | null; requestId: string | null };

/** `recorded`: the view's event, or null when an earlier view in the window already stands for it. */
export type ViewAdmission = { ok: true; recorded: AuditEvent | null } | { ok: false; retryAfterSeconds: number };

type AccessRow = { touched_at: string | null; viewed_at: string | null; view_recorded_at: string | null; denial_recorded_at: string | null };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One person's evidence access is serialised: in SQLite by the write lock, in PostgreSQL by an
 * advisory lock per person, so two instances cannot both admit the limit's last document.
 */
async function forPerson<T>(userId: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return writeTransaction(await getDb(), async (trx) => {
    if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(current_schema() || ${`:evidence:${userId}`}, 0))`.execute(trx);
    return fn(trx);
  });
}

function accessRow(trx: Kysely<Database>, userId: string, key: DocumentKey): Promise<AccessRow | undefined> {
  return trx
    .selectFrom('evidence_access')
    .select(['touched_at', 'viewed_at', 'view_recorded_at', 'denial_recorded_at'])
    .where('user_id', '=', userId)
    .where('customer_id', '=', key.customerId)
    .where('document_id', '=', key.documentId)
    .executeTakeFirst();
}

function saveAccess(trx: Kysely<Database>, userId: string, key: DocumentKey, values: Partial<AccessRow>) {
  return trx
    .insertInto('evidence_access')
    .values({ user_id: userId, customer_id: key.customerId, document_id: key.documentId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'customer_id', 'document_id']).doUpdateSet(values))
    .execute();
}

/**
 * Whether the document may count as pulled now: it already does within the window, or the person
 * is under the limit. Otherwise, when the oldest document in the window leaves it.
 */
async function withinLimit(
  trx: Kysely<Database>,
  userId: string,
  row: AccessRow | undefined,
  now: number,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const windowStart = iso(now - VIEW_WINDOW_MS);
  if (row?.touched_at && row.touched_at > windowStart) return { ok: true };
  const pulled = await trx
    .selectFrom('evidence_access')
    .select((eb) => [eb.fn.countAll<number | string>().as('documents'), eb.fn.min('touched_at').as('oldest')])
    .where('user_id', '=', userId)
    .where('touched_at', '>', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(pulled.documents) < getEnv().evidenceDocumentsPer10Minutes) return { ok: true };
  const frees = pulled.oldest ? Date.parse(pulled.oldest) + VIEW_WINDOW_MS : now + VIEW_WINDOW_MS;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) };
}

/**
 * For the proxy, which answers 429 before the page renders: seconds until `userId` may open
 * another document, or null when this one would be admitted. Only a reading, without a lock.
 */
export async function secondsUntilAdmitted(userId: string, key: DocumentKey, now = Date.now()): Promise<number | null> {
  const db = await getDb();
  const limit = await withinLimit(db, userId, await accessRow(db, userId, key), now);
  return limit.ok ? null : limit.retryAfterSeconds;
}

/**
 * The refusal itself, under the person's lock: seconds to wait when `person` is past the limit for
 * this document (recorded once per window, and counted), or null when it would be admitted after all.
 */
export async function refuseOverLimit(person: Person, key: DocumentKey, request: AccessRequest, now = Date.now()): Promise<number | null> {
  const wait = await forPerson(person.id, async (trx) => {
    const limit = await withinLimit(trx, person.id, await accessRow(trx, person.id, key), now);
    if (limit.ok) return null;
    await recordLimitOncePerWindow(trx, person, key, request, now);
    return limit.retryAfterSeconds;
  });
  if (wait !== null) metrics().evidenceRateLimited.inc();
  return wait;
}

/** Rows that no window needs any more, for this person: they keep the table small. */
function forgetOldAccess(trx: Kysely<Database>, userId: string, now: number) {
  const cutoff = iso(now - IMAGE_WINDOW_MS);
  return trx
    .deleteFrom('evidence_access')
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.and(
        (['touched_at', 'viewed_at', 'view_recorded_at', 'denial_recorded_at'] as const).map((column) =>
          eb.or([eb(column, 'is', null), eb(column, '<', cutoff)]),
        ),
      ),
    )
    .execute();
}

/**
 * A review screen is about to show the document's evidence to `actor`: admitted under the fair-use
 * limit, and on the record (`evidence.viewed`) unless the person viewed it within the window.
 * `source` says whether the page read Artemis or took the read-ahead.
 */
export async function admitView(
  actor: Person,
  key: DocumentKey,
  { source, ...request }: AccessRequest & { source: 'artemis' | 'read-ahead' },
  now = Date.now(),
): Promise<ViewAdmission> {
  const admission = await forPerson(actor.id, async (trx): Promise<ViewAdmission> => {
    const row = await accessRow(trx, actor.id, key);
    const limit = await withinLimit(trx, actor.id, row, now);
    if (!limit.ok) {
      await recordLimitOncePerWindow(trx, actor, key, request, now);
      return limit;
    }
    const coalesced = Boolean(row?.view_recorded_at && row.view_recorded_at > iso(now - VIEW_WINDOW_MS));
    await saveAccess(trx, actor.id, key, { touched_at: iso(now), viewed_at: iso(now), ...(coalesced ? {} : { view_recorded_at: iso(now) }) });
    if (coalesced) return { ok: true, recorded: null };
    const recorded = await recordAuditEvent(
      {
        action: 'evidence.viewed',
        actor,
        customerId: key.customerId,
        documentId: key.documentId,
        detail: { client: request.client, consoleRequestId: request.requestId, source },
      },
      trx,
      new Date(now),
    );
    await forgetOldAccess(trx, actor.id, now);
    return { ok: true, recorded };
  });
  if (!admission.ok) metrics().evidenceRateLimited.inc();
  return admission;
}

/** What a person past the fair-use limit is told. */
export function overLimitMessage(retryAfterSeconds: number): string {
  return `Too many documents opened: the limit is ${getEnv().evidenceDocumentsPer10Minutes} in 10 minutes. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`;
}

/**
 * A document's evidence is about to leave in a pack: it counts against the fair-use limit as a
 * view does (a refusal is recorded); the pack's own `evidence.exported` is its record.
 */
export async function admitExport(
  actor: Person,
  key: DocumentKey,
  request: AccessRequest,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const admission = await forPerson(actor.id, async (trx) => {
    const limit = await withinLimit(trx, actor.id, await accessRow(trx, actor.id, key), now);
    if (!limit.ok) {
      await recordLimitOncePerWindow(trx, actor, key, request, now);
      return limit;
    }
    await saveAccess(trx, actor.id, key, { touched_at: iso(now) });
    return { ok: true } as const;
  });
  if (!admission.ok) metrics().evidenceRateLimited.inc();
  return admission;
}

async function recordLimitOncePerWindow(trx: Kysely<Database>, actor: Person, key: DocumentKey, request: AccessRequest, now: number) {
  const last = await trx.selectFrom('evidence_limits').select('recorded_at').where('user_id', '=', actor.id).executeTakeFirst();
  if (last && last.recorded_at > iso(now - VIEW_WINDOW_MS)) return;
  await trx
    .insertInto('evidence_limits')
    .values({ user_id: actor.id, recorded_at: iso(now) })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ recorded_at: iso(now) }))
    .execute();
  await recordAuditEvent(
    {
      action: 'evidence.rate_limited',
      actor,
      customerId: key.customerId,
      documentId: key.documentId,
      detail: {
        client: request.client,
        consoleRequestId: request.requestId,
        limit: getEnv().evidenceDocumentsPer10Minutes,
        windowMinutes: VIEW_WINDOW_MS / 60_000,
      },
    },
    trx,
    new Date(now),
  );
}

/**
 * A read-ahead pulls the document too, so it counts against the limit, but records no view: only
 * opening the screen does. False, and nothing counted, when the person is at the limit.
 */
export async function admitReadAhead(userId: string, key: DocumentKey, now = Date.now()): Promise<boolean> {
  return forPerson(userId, async (trx) => {
    const limit = await withinLimit(trx, userId, await accessRow(trx, userId, key), now);
    if (limit.ok) await saveAccess(trx, userId, key, { touched_at: iso(now) });
    return limit.ok;
  });
}

const viewedWithin = (row: AccessRow | undefined, now: number) => Boolean(row?.viewed_at && row.viewed_at > iso(now - IMAGE_WINDOW_MS));

/** Whether the person opened the document's review screen within the image window: work on a document starts there. */
export async function hasRecentView(userId: string, key: DocumentKey, now = Date.now()): Promise<boolean> {
  return viewedWithin(await accessRow(await getDb(), userId, key), now);
}

/**
 * Whether `actor` may fetch the document's images: only within IMAGE_WINDOW_MS of a recorded
 * view. A refusal goes on the record (`evidence.denied`), coalesced per window as views are.
 */
export async function imagesAllowed(actor: Person, key: DocumentKey, request: AccessRequest, now = Date.now()): Promise<boolean> {
  if (await hasRecentView(actor.id, key, now)) return true;
  return forPerson(actor.id, async (trx) => {
    const row = await accessRow(trx, actor.id, key);
    if (viewedWithin(row, now)) return true;
    if (row?.denial_recorded_at && row.denial_recorded_at > iso(now - VIEW_WINDOW_MS)) return false;
    await saveAccess(trx, actor.id, key, { denial_recorded_at: iso(now) });
    await recordAuditEvent(
      {
        action: 'evidence.denied',
        actor,
        customerId: key.customerId,
        documentId: key.documentId,
        detail: { client: request.client, consoleRequestId: request.requestId },
      },
      trx,
      new Date(now),
    );
    return false;
  });
}

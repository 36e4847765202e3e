import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect';
import { writeTransaction } from './index';
import type { Database } from './schema';

/**
 * A named lease held by one process of the fleet at a time, for work that must not run twice at
 * once (the document index sync). On PostgreSQL it is a session advisory lock on a connection
 * kept for the work: a process that dies loses its connection and with it the lease. On SQLite
 * it is a row renewed while the work runs: a process that dies stops renewing it, and it
 * expires `ttlMs` later.
 */

export type LeaseOutcome<T> = { taken: true; holder: string; value: T } | { taken: false; heldBy: string | null };

export type LeaseOptions = {
  /** SQLite: how long the row outlives its last renewal (renewed every third of it). */
  ttlMs?: number;
  holder?: string;
};

const DEFAULT_TTL_MS = 60_000;

/** Runs `work` holding the lease `name`, or returns at once without running it when another holder has it. */
export async function withLease<T>(db: Kysely<Database>, name: string, work: () => Promise<T>, options: LeaseOptions = {}): Promise<LeaseOutcome<T>> {
  const holder = options.holder ?? randomUUID();
  if (dialectOf(db) === 'postgres') return withAdvisoryLock(db, name, holder, work);

  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const taken = await takeLeaseRow(db, name, holder, ttlMs);
  if (!taken.taken) return taken;
  const renewal = setInterval(() => void renewLeaseRow(db, name, holder, ttlMs).catch(() => undefined), Math.max(1, Math.floor(ttlMs / 3)));
  renewal.unref();
  try {
    return { taken: true, holder, value: await work() };
  } finally {
    clearInterval(renewal);
    await releaseLeaseRow(db, name, holder).catch(() => undefined);
  }
}

/** The advisory lock's key: the lease name within this schema, so apps sharing a database do not share leases. */
const advisoryKey = (name: string) => sql`hashtextextended(current_schema() || ${`:lease:${name}`}, 0)`;

async function withAdvisoryLock<T>(db: Kysely<Database>, name: string, holder: string, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ taken: boolean }>`select pg_try_advisory_lock(${advisoryKey(name)}) as taken`.execute(conn);
    if (!rows[0]?.taken) return { taken: false, heldBy: null };
    try {
      return { taken: true, holder, value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(${advisoryKey(name)})`.execute(conn).catch(() => undefined);
    }
  });
}

/** SQLite: takes the row unless a live holder has it, in one atomic upsert (as the decision lock does). */
export async function takeLeaseRow(db: Kysely<Database>, name: string, holder: string, ttlMs: number, now = new Date()): Promise<LeaseOutcome<undefined>> {
  const acquiredAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('leases')
      .values({ name, holder, acquired_at: acquiredAt, expires_at: expiresAt })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ holder, acquired_at: acquiredAt, expires_at: expiresAt }).where('leases.expires_at', '<=', acquiredAt),
      )
      .returning('holder')
      .executeTakeFirst();
    if (row?.holder === holder) return { taken: true, holder, value: undefined };
    const held = await trx.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
    return { taken: false, heldBy: held?.holder ?? null };
  });
}

/** Pushes the row's expiry on, if `holder` still has it. */
async function renewLeaseRow(db: Kysely<Database>, name: string, holder: string, ttlMs: number, now = new Date()): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable('leases')
      .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute(),
  );
}

async function releaseLeaseRow(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await writeTransaction(db, (trx) => trx.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute());
}

import 'server-only';
import type { Kysely } from 'kysely';
import { dialectOf, getDb, writeTransaction, type Database } from '@/lib/db';

/**
 * The sign-in throttle, in the database so that every instance counts together. An attempt is
 * reserved (counted as a failure) before its password is checked, in one transaction per
 * attempt, so concurrent attempts cannot all pass a check made before any of them failed;
 * a success gives its reservation back. Per account and per client address, progressive and
 * temporary: after the free failures, each further one blocks the key for twice as long as the
 * last, up to MAX_BLOCK_MS, and a key quiet for WINDOW_MS starts over.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  freePerAccount: 5,
  freePerClient: 20,
  baseBlockMs: 30_000,
  // Short enough that nobody can lock a named admin out for long; single sign-on stays open.
  maxBlockMs: 5 * 60_000,
} as const;

type ThrottleKey = { key: string; kind: 'account' | 'client'; free: number };

function keysFor(email: string, client: string): ThrottleKey[] {
  return [
    { key: `account:${email.trim().toLowerCase()}`, kind: 'account', free: THROTTLE.freePerAccount },
    { key: `client:${client}`, kind: 'client', free: THROTTLE.freePerClient },
  ];
}

export type Lockout = { kind: 'account' | 'client'; failures: number; until: string };

export type Reservation = { email: string; client: string; lockouts: Lockout[] };

export type ThrottleDecision = { allowed: true; reservation: Reservation } | { allowed: false; waitSeconds: number };

const waitSecondsUntil = (until: string | null, now: number) => (until && Date.parse(until) > now ? Math.ceil((Date.parse(until) - now) / 1000) : 0);

/** Counts one attempt against the account and the client, unless either is blocked now. */
export async function reserveSignInAttempt(email: string, client: string, options: { now?: number; db?: Kysely<Database> } = {}): Promise<ThrottleDecision> {
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const db = options.db ?? (await getDb());
  return writeTransaction(db, async (trx) => {
    const keys = keysFor(email, client);
    await trx
      .insertInto('sign_in_throttle')
      .values(keys.map(({ key }) => ({ key, failures: 0, last_attempt_at: nowIso, blocked_until: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    let rows = trx
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .orderBy('key');
    // SQLite's write lock already serialises this transaction; PostgreSQL locks the rows.
    if (dialectOf(trx) === 'postgres') rows = rows.forUpdate();
    const current = new Map((await rows.execute()).map((row) => [row.key, row]));

    const wait = Math.max(0, ...keys.map(({ key }) => waitSecondsUntil(current.get(key)?.blocked_until ?? null, now)));
    if (wait > 0) return { allowed: false, waitSeconds: wait };

    const lockouts: Lockout[] = [];
    for (const { key, kind, free } of keys) {
      const row = current.get(key)!;
      const quiet = now - Date.parse(row.last_attempt_at) >= THROTTLE.windowMs;
      const failures = (quiet ? 0 : Number(row.failures)) + 1;
      let blockedUntil = row.blocked_until;
      if (failures >= free) {
        blockedUntil = new Date(now + Math.min(THROTTLE.baseBlockMs * 2 ** (failures - free), THROTTLE.maxBlockMs)).toISOString();
        lockouts.push({ kind, failures, until: blockedUntil });
      }
      await trx.updateTable('sign_in_throttle').set({ failures, last_attempt_at: nowIso, blocked_until: blockedUntil }).where('key', '=', key).execute();
    }
    return { allowed: true, reservation: { email, client, lockouts } };
  });
}

/**
 * After the password was checked: a success gives the reservation back (the account starts
 * over; the client's count drops by this attempt, and a block it set is lifted). A failure
 * keeps it, and returns the lockouts it caused, for the trail.
 */
export async function settleSignInAttempt(reservation: Reservation, succeeded: boolean, options: { db?: Kysely<Database> } = {}): Promise<Lockout[]> {
  if (!succeeded) return reservation.lockouts;
  const db = options.db ?? (await getDb());
  const [account, client] = keysFor(reservation.email, reservation.client) as [ThrottleKey, ThrottleKey];
  const clientBlockedNow = reservation.lockouts.some((l) => l.kind === 'client');
  await writeTransaction(db, async (trx) => {
    await trx.deleteFrom('sign_in_throttle').where('key', '=', account.key).execute();
    await trx
      .updateTable('sign_in_throttle')
      .set((eb) => ({
        failures: eb('failures', '-', 1),
        ...(clientBlockedNow ? { blocked_until: null } : {}),
      }))
      .where('key', '=', client.key)
      .where('failures', '>', 0)
      .execute();
  });
  return [];
}

/** Seconds before the next attempt for this account from this client is allowed (0: now). */
export async function signInWaitSeconds(email: string, client: string, options: { now?: number; db?: Kysely<Database> } = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const db = options.db ?? (await getDb());
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select('blocked_until')
    .where(
      'key',
      'in',
      keysFor(email, client).map((k) => k.key),
    )
    .execute();
  return Math.max(0, ...rows.map((row) => waitSecondsUntil(row.blocked_until, now)));
}

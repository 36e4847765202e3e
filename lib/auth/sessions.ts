import 'server-only';
import { randomBytes } from 'node:crypto';
import Bowser from 'bowser';
import type { Kysely, Selectable } from 'kysely';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import type { SessionsTable } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import type { Role } from '@/lib/users/roles';
import { endSessionRows, type UserRecord } from '@/lib/users/store';

/**
 * Each sign-in is a session row (SPEC §13); the cookie carries its id. Where a second factor is
 * needed the session is pending until one is verified, and opens nothing but the second-factor
 * pages, for at most PENDING_LIMIT_MS.
 */
export type SessionRow = Selectable<SessionsTable>;

export const PENDING_LIMIT_MS = 10 * 60_000;

export type SessionState =
  | { kind: 'active'; user: UserRecord; session: SessionRow }
  /**
   * `verify`: the account has a factor to give; `setup`: it must enrol one first; `password`: it
   * signed in with a one-time password and must choose its own.
   */
  | { kind: 'pending'; step: PendingStep; user: UserRecord; session: SessionRow };

export type PendingStep = 'verify' | 'setup' | 'password';

/** Whether an account must give a second factor: it has one, or the policy asks it of its role. */
function secondFactorNeeded(role: Role, hasFactor: boolean, required = getEnv().mfa.required): boolean {
  return hasFactor || required === 'all' || (required === 'admins' && role === 'admin');
}

/** Whether the policy lets this role do without any factor (removing the last one). */
export const factorOptional = (role: Role, required = getEnv().mfa.required) => !secondFactorNeeded(role, false, required);

/** Starts the session of a sign-in; `secondFactor` when the sign-in itself was two factors (vouched single sign-on). */
export async function startSession(
  userId: string,
  {
    method,
    secondFactor,
    clientAddress,
    userAgent,
  }: { method: SessionRow['method']; secondFactor: boolean; clientAddress: string | null; userAgent: string | null },
  db?: Kysely<Database>,
): Promise<string> {
  const now = new Date().toISOString();
  const id = randomBytes(24).toString('base64url');
  await writeTransaction(db ?? (await getDb()), (trx) =>
    trx
      .insertInto('sessions')
      .values({
        id,
        user_id: userId,
        method,
        created_at: now,
        client_address: clientAddress,
        user_agent: userAgent?.slice(0, 300) ?? null,
        second_factor_at: secondFactor ? now : null,
        confirmed_at: now,
        ended_at: null,
        totp_enrolment: null,
        webauthn_challenge: null,
        webauthn_challenge_expires_at: null,
      })
      .execute(),
  );
  return id;
}

/**
 * What a session cookie's claims stand for, read in one query: the account (active, and the
 * session version it was issued under), the session row (not ended), and whether the account has
 * a factor. Null when any of it no longer holds.
 */
export async function sessionStateOf(claims: { sub?: unknown; sv?: unknown; sid?: unknown }, now = Date.now()): Promise<SessionState | null> {
  const { sub, sid } = claims;
  if (typeof sub !== 'string' || !sub || typeof sid !== 'string' || !sid) return null;
  const db = await getDb();
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select([
      's.id as s_id',
      's.method as s_method',
      's.created_at as s_created_at',
      's.client_address as s_client_address',
      's.user_agent as s_user_agent',
      's.second_factor_at as s_second_factor_at',
      's.confirmed_at as s_confirmed_at',
      's.ended_at as s_ended_at',
      's.last_seen_at as s_last_seen_at',
      's.totp_enrolment as s_totp_enrolment',
      's.webauthn_challenge as s_webauthn_challenge',
      's.webauthn_challenge_expires_at as s_webauthn_challenge_expires_at',
      (eb) => eb.exists(eb.selectFrom('mfa_factors as f').select('f.id').whereRef('f.user_id', '=', 'u.id')).as('has_factor'),
    ])
    .where('s.id', '=', sid)
    .executeTakeFirst();
  if (!row || row.id !== sub || row.status !== 'active' || row.session_version !== (claims.sv ?? 0) || row.s_ended_at !== null) return null;
  const {
    s_id,
    s_method,
    s_created_at,
    s_client_address,
    s_user_agent,
    s_second_factor_at,
    s_confirmed_at,
    s_ended_at,
    s_last_seen_at,
    s_totp_enrolment,
    s_webauthn_challenge,
    s_webauthn_challenge_expires_at,
    has_factor,
    ...user
  } = row;
  const session: SessionRow = {
    id: s_id,
    user_id: user.id,
    method: s_method,
    created_at: s_created_at,
    client_address: s_client_address,
    user_agent: s_user_agent,
    second_factor_at: s_second_factor_at,
    confirmed_at: s_confirmed_at,
    ended_at: s_ended_at,
    last_seen_at: s_last_seen_at,
    totp_enrolment: s_totp_enrolment,
    webauthn_challenge: s_webauthn_challenge,
    webauthn_challenge_expires_at: s_webauthn_challenge_expires_at,
  };
  const hasFactor = Boolean(Number(has_factor));
  const factorGiven = session.second_factor_at !== null || !secondFactorNeeded(user.role as Role, hasFactor);
  // A one-time password an admin issued is replaced before anything opens (after the factor).
  const passwordToChoose = session.method === 'password' && user.password_expires_at !== null;
  if (factorGiven && !passwordToChoose) {
    noteSeen(session, now);
    return { kind: 'active', user, session };
  }
  if (now - Date.parse(session.created_at) > PENDING_LIMIT_MS) return null;
  return { kind: 'pending', step: !factorGiven ? (hasFactor ? 'verify' : 'setup') : 'password', user, session };
}

/** How stale a session's `last_seen_at` may get: the gate writes it at most this often. */
const SEEN_EVERY_MS = 60_000;

/** Keeps the session's last-seen time for the account page, without a write on every request. */
function noteSeen(session: SessionRow, now: number): void {
  if (now - Date.parse(session.last_seen_at ?? session.created_at) < SEEN_EVERY_MS) return;
  const seenAt = new Date(now).toISOString();
  void getDb()
    .then((db) => writeTransaction(db, (trx) => trx.updateTable('sessions').set({ last_seen_at: seenAt }).where('id', '=', session.id).execute()))
    .catch((error: unknown) => logger('sessions').warn({ error: errorText(error) }, 'could not note when a session was last seen'));
}

/** A second factor was verified on this session now: it opens, and counts as a fresh confirmation. */
export async function recordSecondFactor(sessionId: string, db?: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await writeTransaction(db ?? (await getDb()), (trx) =>
    trx.updateTable('sessions').set({ second_factor_at: now, confirmed_at: now }).where('id', '=', sessionId).execute(),
  );
}

/** A step-up by password (an account without any factor): a fresh confirmation, no factor. */
export async function recordConfirmation(sessionId: string, db?: Kysely<Database>): Promise<void> {
  await writeTransaction(db ?? (await getDb()), (trx) =>
    trx.updateTable('sessions').set({ confirmed_at: new Date().toISOString() }).where('id', '=', sessionId).execute(),
  );
}

/** Whether the person confirmed who they are recently enough for an action that asks for step-up. */
export function recentlyConfirmed(session: Pick<SessionRow, 'confirmed_at'>, now = Date.now()): boolean {
  return now - Date.parse(session.confirmed_at) <= getEnv().mfa.stepUpMinutes * 60_000;
}

/** Keeps a value on the session (an enrolment secret, a WebAuthn challenge), or clears it. */
export async function setSessionValues(
  sessionId: string,
  values: Partial<Pick<SessionRow, 'totp_enrolment' | 'webauthn_challenge' | 'webauthn_challenge_expires_at'>>,
  db?: Kysely<Database>,
): Promise<void> {
  await writeTransaction(db ?? (await getDb()), (trx) => trx.updateTable('sessions').set(values).where('id', '=', sessionId).execute());
}

/**
 * Takes the session's WebAuthn challenge, once: a second use of the same challenge finds none.
 * Null when there is none, or it has expired.
 */
export async function takeChallenge(sessionId: string, now = new Date()): Promise<string | null> {
  return writeTransaction(await getDb(), async (trx) => {
    const row = await trx.selectFrom('sessions').select(['webauthn_challenge', 'webauthn_challenge_expires_at']).where('id', '=', sessionId).executeTakeFirst();
    if (!row?.webauthn_challenge) return null;
    await trx.updateTable('sessions').set({ webauthn_challenge: null, webauthn_challenge_expires_at: null }).where('id', '=', sessionId).execute();
    return row.webauthn_challenge_expires_at && row.webauthn_challenge_expires_at > now.toISOString() ? row.webauthn_challenge : null;
  });
}

/** A session as its owner sees it on /account. */
export type SessionSummary = {
  id: string;
  method: SessionRow['method'];
  startedAt: string;
  lastSeenAt: string;
  clientAddress: string | null;
  browser: string;
};

/** "Chrome 131 on Linux", from the user agent the sign-in sent; it is only what the browser claimed. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const { browser, os } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ') || 'Unknown browser';
  return os.name ? `${name} on ${os.name}` : name;
}

/** The account's sessions that could still be used: not ended, within the absolute and idle limits. Latest first. */
export async function listOpenSessions(userId: string, now = Date.now()): Promise<SessionSummary[]> {
  const { maxSeconds, idleSeconds } = getEnv().session;
  const rows = await (
    await getDb()
  )
    .selectFrom('sessions')
    .select(['id', 'method', 'created_at', 'last_seen_at', 'client_address', 'user_agent'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('created_at', '>', new Date(now - maxSeconds * 1000).toISOString())
    .execute();
  // The row's last-seen time lags the cookie's by up to SEEN_EVERY_MS.
  const idleSince = now - idleSeconds * 1000 - SEEN_EVERY_MS;
  return rows
    .map((row) => ({
      id: row.id,
      method: row.method,
      startedAt: row.created_at,
      lastSeenAt: row.last_seen_at ?? row.created_at,
      clientAddress: row.client_address,
      browser: describeBrowser(row.user_agent),
    }))
    .filter((session) => Date.parse(session.lastSeenAt) > idleSince)
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/** Ends one of the account's own sessions; false when it is not theirs or already ended. */
export async function endOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const result = await writeTransaction(await getDb(), (trx) =>
    trx
      .updateTable('sessions')
      .set({ ended_at: new Date().toISOString() })
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of the account but `current`; how many ended. */
export async function endOtherSessions(userId: string, current: string): Promise<number> {
  return writeTransaction(await getDb(), (trx) => endSessionRows(trx, userId, current));
}

import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import type { SessionsTable } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import type { Role } from '@/lib/users/roles';
import type { UserRecord } from '@/lib/users/store';

/**
 * Each sign-in is a session row (SPEC §13); the cookie carries its id. Where a second factor is
 * needed the session is pending until one is verified, and opens nothing but the second-factor
 * pages, for at most PENDING_LIMIT_MS.
 */
export type SessionRow = Selectable<SessionsTable>;

export const PENDING_LIMIT_MS = 10 * 60_000;

export type SessionState =
  | { kind: 'active'; user: UserRecord; session: SessionRow }
  /** `verify`: the account has a factor to give; `setup`: it must enrol one first. */
  | { kind: 'pending'; step: 'verify' | 'setup'; user: UserRecord; session: SessionRow };

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
    totp_enrolment: s_totp_enrolment,
    webauthn_challenge: s_webauthn_challenge,
    webauthn_challenge_expires_at: s_webauthn_challenge_expires_at,
  };
  const hasFactor = Boolean(Number(has_factor));
  if (session.second_factor_at !== null || !secondFactorNeeded(user.role as Role, hasFactor)) return { kind: 'active', user, session };
  if (now - Date.parse(session.created_at) > PENDING_LIMIT_MS) return null;
  return { kind: 'pending', step: hasFactor ? 'verify' : 'setup', user, session };
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

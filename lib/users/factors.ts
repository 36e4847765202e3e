import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { open, seal } from './secret-box';

/**
 * An account's second factors (SPEC §13): authenticator apps (TOTP, RFC 6238, through `otpauth`),
 * passkeys (lib/auth/passkeys.ts) and ten single-use recovery codes, stored hashed.
 */

export const ISSUER = 'Liveness Review Console';

/** 30 s, 6 digits, SHA-1: what every authenticator app understands. */
const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** One step either side of now: a phone's clock a little off still works. */
const TOTP_WINDOW = 1;

const RECOVERY_CODE_COUNT = 10;

export type FactorKind = 'totp' | 'webauthn';

export type Factor = { id: string; kind: FactorKind; name: string; createdAt: string; lastUsedAt: string | null };

export type FactorSummary = { factors: Factor[]; recoveryCodesLeft: number };

const totpFor = (secret: string, label: string) => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), ...TOTP_SETTINGS });

/** A fresh authenticator-app secret (160 bits, base32 as apps show it). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, email: string): string => totpFor(secret, email).toString();

/** The time step `code` belongs to, when it is valid for `secret` now (or at `now`); null otherwise. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, '').validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_SETTINGS.period) + delta;
}

/** Recovery codes are compared by their letters and digits only, in lower case. */
const normalised = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Random, long and single-use: a plain SHA-256 is enough to keep them unreadable at rest. */
const hashCode = (code: string) => createHash('sha256').update(normalised(code)).digest('hex');

/** Ten codes of ten base32 characters (50 bits each), shown as `abcde-fghij`. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = new Secret({ size: 8 }).base32.toLowerCase().slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

export async function listFactors(userId: string, db?: Kysely<Database>): Promise<FactorSummary> {
  const conn = db ?? (await getDb());
  const [rows, codes] = await Promise.all([
    conn.selectFrom('mfa_factors').select(['id', 'kind', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    conn
      .selectFrom('mfa_recovery_codes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    factors: rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at })),
    recoveryCodesLeft: Number(codes.n),
  };
}

/** Replaces the account's recovery codes with ten new ones, returned once (only their hashes are kept). */
export async function replaceRecoveryCodes(userId: string, db: Kysely<Database>): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = new Date().toISOString();
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashCode(code), created_at: now, used_at: null })))
    .execute();
  return codes;
}

/**
 * Turns on an authenticator app whose secret was offered to this session, when `code` is valid
 * for it (that code is then spent). The account's first factor comes with recovery codes,
 * returned once. Null when the code is wrong.
 */
export async function enrolTotp(
  userId: string,
  secret: string,
  code: string,
  db?: Kysely<Database>,
): Promise<{ factor: Factor; recoveryCodes: string[] | null } | null> {
  const step = totpStep(secret, code);
  if (step === null) return null;
  return writeTransaction(db ?? (await getDb()), async (trx) => {
    const now = new Date().toISOString();
    const factor = { id: randomUUID(), kind: 'totp' as const, name: 'Authenticator app', createdAt: now, lastUsedAt: now };
    await trx
      .insertInto('mfa_factors')
      .values({
        id: factor.id,
        user_id: userId,
        kind: 'totp',
        name: factor.name,
        secret: seal(secret),
        last_step: step,
        credential_id: null,
        public_key: null,
        counter: null,
        transports: null,
        created_at: now,
        last_used_at: now,
      })
      .execute();
    return { factor, recoveryCodes: await recoveryCodesIfNone(userId, trx) };
  });
}

/** Ten recovery codes for an account that has none left yet (its first factor); null otherwise. */
export async function recoveryCodesIfNone(userId: string, trx: Kysely<Database>): Promise<string[] | null> {
  const left = await trx
    .selectFrom('mfa_recovery_codes')
    .select('code_hash')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return left ? null : replaceRecoveryCodes(userId, trx);
}

export type CodeCheck = { ok: true; factor: 'totp' | 'recovery'; recoveryCodesLeft?: number } | { ok: false; replay: boolean };

/**
 * Checks an `Authentication code`: six digits from an authenticator app, each accepted once (a
 * later step than the last one taken), or a recovery code, spent by its use. Both are taken by
 * one conditional update, so two requests with the same code cannot both pass.
 */
export async function checkCode(userId: string, input: string, now = Date.now()): Promise<CodeCheck> {
  const db = await getDb();
  const code = input.trim().replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) {
    const apps = await db.selectFrom('mfa_factors').select(['id', 'secret']).where('user_id', '=', userId).where('kind', '=', 'totp').execute();
    for (const app of apps) {
      const secret = app.secret && open(app.secret);
      const step = secret ? totpStep(secret, code, now) : null;
      if (step === null) continue;
      const taken = await writeTransaction(db, (trx) =>
        trx
          .updateTable('mfa_factors')
          .set({ last_step: step, last_used_at: new Date(now).toISOString() })
          .where('id', '=', app.id)
          .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
          .executeTakeFirst(),
      );
      return Number(taken.numUpdatedRows) === 1 ? { ok: true, factor: 'totp' } : { ok: false, replay: true };
    }
    return { ok: false, replay: false };
  }
  if (normalised(code).length !== 10) return { ok: false, replay: false };
  return writeTransaction(db, async (trx) => {
    const used = await trx
      .updateTable('mfa_recovery_codes')
      .set({ used_at: new Date(now).toISOString() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hashCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { ok: false, replay: false };
    const { n } = await trx
      .selectFrom('mfa_recovery_codes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { ok: true, factor: 'recovery', recoveryCodesLeft: Number(n) };
  });
}

/** Removes one of the account's factors; the last one takes the recovery codes with it. */
export async function removeFactor(userId: string, factorId: string, db?: Kysely<Database>): Promise<Factor | null> {
  return writeTransaction(db ?? (await getDb()), async (trx) => {
    const row = await trx
      .selectFrom('mfa_factors')
      .select(['id', 'kind', 'name', 'created_at', 'last_used_at'])
      .where('id', '=', factorId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom('mfa_factors').where('id', '=', factorId).execute();
    const others = await trx.selectFrom('mfa_factors').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst();
    if (!others) await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
    return { id: row.id, kind: row.kind, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
  });
}

/** Every factor and recovery code of the account gone (an admin's reset): it enrols again. */
export async function removeAllFactors(userId: string, trx: Kysely<Database>): Promise<number> {
  const removed = await trx.deleteFrom('mfa_factors').where('user_id', '=', userId).executeTakeFirst();
  await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  return Number(removed.numDeletedRows);
}

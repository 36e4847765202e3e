import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getDb, isUniqueViolation, writeTransaction, type Database } from '@/lib/db';
import type { UserRow } from '@/lib/db/schema';
import { guessablePasswordRefusal, hashPassword } from './passwords';
import { ROLES, type Role } from './roles';

/** A stored account, password hash included: for sign-in and session checks only. */
export type UserRecord = UserRow;
/** An account without its password hash: what lists, admin screens and CLIs get. */
export type PublicUser = Omit<UserRow, 'password_hash'>;
export type UserStatus = UserRow['status'];

export type UserErrorCode = 'duplicate_email' | 'not_found' | 'invalid_input' | 'demo_account';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class DuplicateEmailError extends UserError {
  constructor(readonly email: string) {
    super('duplicate_email', `A user with email ${email} already exists`);
    this.name = 'DuplicateEmailError';
  }
}

export class UserNotFoundError extends UserError {
  constructor(readonly lookup: string) {
    super('not_found', `No user ${lookup}`);
    this.name = 'UserNotFoundError';
  }
}

export class InvalidUserInputError extends UserError {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super('invalid_input', `Invalid ${field}: ${detail}`);
    this.name = 'InvalidUserInputError';
  }
}

/**
 * Deliberately permissive (one "@", something on each side, no spaces): this is an account name
 * for a local console, not a mailbox we send to, and short test domains like `x@y.z` are fine.
 */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .max(254, 'must be at most 254 characters')
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'),
  );
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');
const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const newUserSchema = z.object({
  email: emailSchema,
  name: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
  role: roleSchema,
  password: passwordSchema,
});
export type NewUserInput = z.input<typeof newUserSchema>;

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InvalidUserInputError(field ?? String(issue.path[0] ?? 'input'), issue.message);
}

const publicColumns = [
  'id',
  'email',
  'name',
  'role',
  'status',
  'session_version',
  'password_expires_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof PublicUser)[];

const now = () => new Date().toISOString();

export async function findUserByEmail(email: string, db?: Kysely<Database>): Promise<UserRecord | null> {
  const target = db ?? (await getDb());
  const row = await target.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ?? null;
}

export async function findUserById(id: string, db?: Kysely<Database>): Promise<UserRecord | null> {
  const target = db ?? (await getDb());
  const row = await target.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

/** All accounts, oldest first. */
export async function listUsers(db?: Kysely<Database>): Promise<PublicUser[]> {
  const target = db ?? (await getDb());
  return target.selectFrom('users').select(publicColumns).orderBy('created_at').orderBy('email').execute();
}

/**
 * Creates an account. Throws InvalidUserInputError (bad email, role or password length) or
 * DuplicateEmailError. Emails are stored lower-case.
 */
export async function createUser(input: NewUserInput, db?: Kysely<Database>): Promise<PublicUser> {
  const data = parseOrThrow(newUserSchema, input);
  await refuseGuessable(data.password);
  const target = db ?? (await getDb());
  // Hash before taking the write lock: it is the slow part.
  const passwordHash = await hashPassword(data.password);
  const timestamp = now();
  try {
    return await writeTransaction(target, async (trx) => {
      const existing = await trx.selectFrom('users').select('id').where('email', '=', data.email).executeTakeFirst();
      if (existing) throw new DuplicateEmailError(data.email);
      return trx
        .insertInto('users')
        .values({
          id: randomUUID(),
          email: data.email,
          name: data.name,
          role: data.role,
          password_hash: passwordHash,
          status: 'active',
          session_version: 0,
          created_at: timestamp,
          updated_at: timestamp,
        })
        .returning(publicColumns)
        .executeTakeFirstOrThrow();
    });
  } catch (err) {
    // Another writer (e.g. a second app instance on PostgreSQL) may have won the race.
    if (isUniqueViolation(err)) throw new DuplicateEmailError(data.email);
    throw err;
  }
}

/** Enables or disables an account. Disabling also ends every session it has. */
export async function setUserStatus(id: string, status: UserStatus, db?: Kysely<Database>): Promise<PublicUser> {
  const value = parseOrThrow(z.enum(['active', 'disabled']), status, 'status');
  const target = db ?? (await getDb());
  const row = await writeTransaction(target, async (trx) => {
    if (value === 'disabled') await endSessionRows(trx, id);
    return trx
      .updateTable('users')
      .set((eb) => ({
        status: value,
        updated_at: now(),
        ...(value === 'disabled' ? { session_version: eb('session_version', '+', 1) } : {}),
      }))
      .where('id', '=', id)
      .returning(publicColumns)
      .executeTakeFirst();
  });
  if (!row) throw new UserNotFoundError(id);
  return row;
}

/**
 * Marks the account's session rows ended, all or all but `except`: what the account page lists.
 * Where every session ends, the session version moves on too, so no cookie outlives its row.
 */
export async function endSessionRows(trx: Kysely<Database>, userId: string, except?: string): Promise<number> {
  let query = trx.updateTable('sessions').set({ ended_at: now() }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (except) query = query.where('id', '!=', except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Replaces a password's stored hash with one of the same password under stronger parameters
 * (at a successful sign-in): sessions go on, and only the hash it was checked against is replaced.
 */
export async function upgradePasswordHash(id: string, checkedHash: string, upgradedHash: string, db?: Kysely<Database>): Promise<void> {
  const target = db ?? (await getDb());
  await writeTransaction(target, (trx) =>
    trx.updateTable('users').set({ password_hash: upgradedHash }).where('id', '=', id).where('password_hash', '=', checkedHash).execute(),
  );
}

/**
 * Ends every session the account has (its cookies stop working at once), as at sign-out: only
 * while `sessionVersion` is still current, so a cookie already ended ends nothing more.
 */
export async function endUserSessions(id: string, sessionVersion: number, db?: Kysely<Database>): Promise<PublicUser | undefined> {
  const target = db ?? (await getDb());
  return writeTransaction(target, async (trx) => {
    const user = await trx
      .updateTable('users')
      .set((eb) => ({ session_version: eb('session_version', '+', 1), updated_at: now() }))
      .where('id', '=', id)
      .where('session_version', '=', sessionVersion)
      .where('status', '=', 'active')
      .returning(publicColumns)
      .executeTakeFirst();
    if (user) await endSessionRows(trx, id);
    return user;
  });
}

/** Changes an account's role; it applies on the account's next request. */
export async function setUserRole(id: string, role: Role, db?: Kysely<Database>): Promise<PublicUser> {
  const value = parseOrThrow(roleSchema, role, 'role');
  const target = db ?? (await getDb());
  const row = await writeTransaction(target, (trx) =>
    trx.updateTable('users').set({ role: value, updated_at: now() }).where('id', '=', id).returning(publicColumns).executeTakeFirst(),
  );
  if (!row) throw new UserNotFoundError(id);
  return row;
}

/**
 * Sets a new password. By default every session of the account ends (session version bump);
 * with `keepSession` (a person changing their own) that one goes on and the others end.
 * `expiresAt` makes it a one-time password: refused after then, and to be replaced at sign-in.
 */
export async function setUserPassword(
  id: string,
  password: string,
  { db, expiresAt = null, keepSession }: { db?: Kysely<Database>; expiresAt?: string | null; keepSession?: string } = {},
): Promise<PublicUser> {
  const value = parseOrThrow(passwordSchema, password, 'password');
  await refuseGuessable(value);
  const target = db ?? (await getDb());
  const passwordHash = await hashPassword(value);
  const row = await writeTransaction(target, async (trx) => {
    await endSessionRows(trx, id, keepSession);
    return trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        password_expires_at: expiresAt,
        ...(keepSession ? {} : { session_version: eb('session_version', '+', 1) }),
        updated_at: now(),
      }))
      .where('id', '=', id)
      .returning(publicColumns)
      .executeTakeFirst();
  });
  if (!row) throw new UserNotFoundError(id);
  return row;
}

/** A new password that is, or is built from, a common or leaked one is refused (lib/users/passwords.ts). */
async function refuseGuessable(password: string): Promise<void> {
  const refusal = await guessablePasswordRefusal(password);
  if (refusal) throw new InvalidUserInputError('password', refusal);
}

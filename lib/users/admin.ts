import 'server-only';
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { demoAccountBarred } from './demo';
import type { Role } from './roles';
import { removeAllFactors } from './factors';
import {
  UserError,
  UserNotFoundError,
  createUser,
  endUserSessions,
  findUserById,
  setUserPassword,
  setUserRole,
  setUserStatus,
  type NewUserInput,
  type PublicUser,
} from './store';

/**
 * Account changes with their audit events, committed together: the one implementation behind
 * both `npm run users` and the /admin/users screen, so the two cannot drift apart.
 */
export type ChangeSource = 'cli' | 'console';

type Options = { actor: AuditActor; source: ChangeSource; db?: Kysely<Database> };

const subject = (user: Pick<PublicUser, 'id' | 'email'>) => ({ id: user.id, email: user.email });

/**
 * Demo accounts' passwords are printed in the README: outside demo mode none may be created or
 * enabled (start-up disables any left active, lib/users/demo.ts).
 */
function refuseDemoAccount(email: string): void {
  if (!demoAccountBarred(email)) return;
  throw new UserError(
    'demo_account',
    `${email} is a demo account: its password is published in the README, so it cannot be used on a console connected to a real Artemis (ARTEMIS_API_URL is set).`,
  );
}

export async function addUser(input: NewUserInput, { actor, source, db }: Options): Promise<PublicUser> {
  refuseDemoAccount(input.email);
  return writeTransaction(db ?? (await getDb()), async (trx) => {
    const created = await createUser(input, trx);
    await recordAuditEvent(
      {
        action: 'user.created',
        actor,
        after: { ...subject(created), name: created.name, role: created.role, status: created.status },
        detail: { source },
      },
      trx,
    );
    return created;
  });
}

async function existing(id: string, db: Kysely<Database>) {
  const user = await findUserById(id, db);
  if (!user) throw new UserNotFoundError(id);
  return user;
}

/** Returns null when the account already had that status (nothing changed, nothing recorded). */
export async function changeUserStatus(id: string, status: 'active' | 'disabled', { actor, source, db }: Options): Promise<PublicUser | null> {
  const target = db ?? (await getDb());
  const user = await existing(id, target);
  if (user.status === status) return null;
  if (status === 'active') refuseDemoAccount(user.email);
  return writeTransaction(target, async (trx) => {
    const updated = await setUserStatus(user.id, status, trx);
    await recordAuditEvent(
      {
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        actor,
        before: { ...subject(user), status: user.status },
        after: { ...subject(updated), status: updated.status },
        detail: { source },
      },
      trx,
    );
    return updated;
  });
}

/** Returns null when the account already had that role. */
export async function changeUserRole(id: string, role: Role, { actor, source, db }: Options): Promise<PublicUser | null> {
  const target = db ?? (await getDb());
  const user = await existing(id, target);
  if (user.role === role) return null;
  return writeTransaction(target, async (trx) => {
    const updated = await setUserRole(user.id, role, trx);
    await recordAuditEvent(
      {
        action: 'user.role_changed',
        actor,
        before: { ...subject(user), role: user.role },
        after: { ...subject(updated), role: updated.role },
        detail: { source },
      },
      trx,
    );
    return updated;
  });
}

/** How long a one-time password an admin issues works. */
export const ONE_TIME_PASSWORD_HOURS = 24;

// No 0/O, 1/I/L: a one-time password is often read out or typed from a screen.
const ONE_TIME_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Sixteen random characters in four groups: for a person to type once. */
export function newOneTimePassword(): string {
  const characters = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => characters.slice(i, i + 4).join('')).join('-');
}

/**
 * Sets a new password and ends every session of the account. Without `password` (an admin's
 * reset in the console) it is a one-time password, returned once: it works for
 * ONE_TIME_PASSWORD_HOURS and must be replaced at the next sign-in before anything opens.
 */
export async function resetUserPassword(
  id: string,
  { password }: { password?: string },
  { actor, source, db }: Options,
): Promise<{ user: PublicUser; oneTimePassword: string | null }> {
  const target = db ?? (await getDb());
  const user = await existing(id, target);
  const oneTimePassword = password === undefined ? newOneTimePassword() : null;
  const expiresAt = oneTimePassword ? new Date(Date.now() + ONE_TIME_PASSWORD_HOURS * 3_600_000).toISOString() : null;
  return writeTransaction(target, async (trx) => {
    const updated = await setUserPassword(user.id, password ?? oneTimePassword!, { db: trx, expiresAt });
    await recordAuditEvent(
      {
        action: 'user.password_reset',
        actor,
        before: { ...subject(user), sessionVersion: user.session_version },
        after: { ...subject(updated), sessionVersion: updated.session_version },
        detail: { source, oneTime: oneTimePassword !== null, ...(expiresAt ? { expiresAt } : {}) },
      },
      trx,
    );
    return { user: updated, oneTimePassword };
  });
}

/** Ends every session of the account at once (its cookies stop working): an admin's `End sessions`. */
export async function endAllSessionsOf(id: string, { actor, source, db }: Options): Promise<PublicUser> {
  const target = db ?? (await getDb());
  const user = await existing(id, target);
  return writeTransaction(target, async (trx) => {
    const ended = (await endUserSessions(user.id, user.session_version, trx)) ?? user;
    await recordAuditEvent(
      {
        action: 'user.sessions_ended',
        actor,
        before: { ...subject(user), sessionVersion: user.session_version },
        after: { ...subject(ended), sessionVersion: ended.session_version },
        detail: { source },
      },
      trx,
    );
    return ended;
  });
}

/**
 * Removes every second factor and recovery code of the account and ends its sessions: at the
 * next sign-in it enrols again (where the policy asks for a factor). Returns how many factors
 * were removed.
 */
export async function resetUserMfa(id: string, { actor, source, db }: Options): Promise<{ user: PublicUser; removed: number }> {
  const target = db ?? (await getDb());
  const user = await existing(id, target);
  return writeTransaction(target, async (trx) => {
    const removed = await removeAllFactors(user.id, trx);
    const ended = (await endUserSessions(user.id, user.session_version, trx)) ?? user;
    await recordAuditEvent(
      {
        action: 'auth.mfa_reset',
        actor,
        before: { ...subject(user), sessionVersion: user.session_version },
        after: { ...subject(ended), sessionVersion: ended.session_version },
        detail: { source, factorsRemoved: removed },
      },
      trx,
    );
    return { user: ended, removed };
  });
}

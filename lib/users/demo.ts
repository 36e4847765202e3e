import 'server-only';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Role } from './roles';
import { DuplicateEmailError, createUser, findUserByEmail, setUserStatus } from './store';

/** Demo mode only (no ARTEMIS_API_URL): these accounts are seeded and printed in the README. */
export const DEMO_ACCOUNTS = [
  { email: 'reviewer@demo.test', name: 'Riya Reviewer', role: 'reviewer', password: 'review-liveness-1' },
  { email: 'reviewer2@demo.test', name: 'Sam Second', role: 'reviewer', password: 'review-liveness-2' },
  { email: 'auditor@demo.test', name: 'Ana Auditor', role: 'auditor', password: 'audit-liveness-1' },
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', password: 'admin-liveness-1' },
] as const satisfies readonly { email: string; name: string; role: Role; password: string }[];

const DEMO_EMAILS: ReadonlySet<string> = new Set(DEMO_ACCOUNTS.map((a) => a.email));

function isDemoAccount(email: string): boolean {
  return DEMO_EMAILS.has(email.trim().toLowerCase());
}

/** A demo account never opens, nor is created or enabled on, a console that talks to a real Artemis. */
export function demoAccountBarred(email: string): boolean {
  return !getEnv().demoMode && isDemoAccount(email);
}

/**
 * Outside demo mode no demo account may be active: their passwords are printed in the README.
 * Disables every demo account still active on this database, each with an audit event, and
 * returns their emails (for the log line that names them).
 */
export async function retireDemoAccounts(db?: Kysely<Database>): Promise<string[]> {
  const target = db ?? (await getDb());
  const retired: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await findUserByEmail(account.email, target);
    if (!user || user.status !== 'active') continue;
    await writeTransaction(target, async (trx) => {
      const disabled = await setUserStatus(user.id, 'disabled', trx);
      await recordAuditEvent(
        {
          action: 'user.disabled',
          actor: { id: null, email: 'system:start-up', role: null },
          before: { id: user.id, email: user.email, role: user.role, status: user.status },
          after: { id: disabled.id, email: disabled.email, role: disabled.role, status: disabled.status },
          detail: { reason: 'demo account on a console connected to a real Artemis (ARTEMIS_API_URL is set)' },
        },
        trx,
      );
    });
    retired.push(account.email);
  }
  return retired;
}

/**
 * Creates the demo accounts that do not exist yet (an existing account is left as it is, even
 * if disabled or with another password). Returns the emails created. Idempotent.
 */
export async function seedDemoUsers(db?: Kysely<Database>): Promise<string[]> {
  const target = db ?? (await getDb());
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(account.email, target)) continue;
    try {
      // The account and its audit event commit together.
      await writeTransaction(target, async (trx) => {
        const user = await createUser(account, trx);
        await recordAuditEvent(
          {
            action: 'user.created',
            actor: { id: null, email: 'system:demo-seed', role: null },
            after: { id: user.id, email: user.email, name: user.name, role: user.role, status: user.status },
            detail: { source: 'demo seed' },
          },
          trx,
        );
      });
      created.push(account.email);
    } catch (err) {
      // Another process seeding at the same moment got there first.
      if (!(err instanceof DuplicateEmailError)) throw err;
    }
  }
  return created;
}

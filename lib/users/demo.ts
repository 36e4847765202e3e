import 'server-only';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import type { Role } from './roles';
import { DuplicateEmailError, createUser, findUserByEmail } from './store';

/** Demo mode only (no ARTEMIS_API_URL): these accounts are seeded and printed in the README. */
export const DEMO_ACCOUNTS = [
  { email: 'reviewer@demo.test', name: 'Riya Reviewer', role: 'reviewer', password: 'review-liveness-1' },
  { email: 'reviewer2@demo.test', name: 'Sam Second', role: 'reviewer', password: 'review-liveness-2' },
  { email: 'auditor@demo.test', name: 'Ana Auditor', role: 'auditor', password: 'audit-liveness-1' },
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', password: 'admin-liveness-1' },
] as const satisfies readonly { email: string; name: string; role: Role; password: string }[];

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

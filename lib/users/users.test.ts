import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { DEMO_ACCOUNTS, retireDemoAccounts, seedDemoUsers } from './demo';
import { DUMMY_HASH, SCRYPT_PARAMS, hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords';
import { ROLES, canManageUsers, canOverride, canViewAuditLog, isRole } from './roles';
import {
  DuplicateEmailError,
  InvalidUserInputError,
  UserNotFoundError,
  createUser,
  findUserByEmail,
  findUserById,
  listUsers,
  setUserPassword,
  setUserRole,
  setUserStatus,
} from './store';

describe('passwords', () => {
  it('hashes as scrypt$N$r$p$salt$hash with a fresh salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    // OWASP's N=2^15, r=8, p=3 (equivalent to N=2^17, p=1 at a quarter of the memory).
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(a, '')).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('treats an unreadable hash as a mismatch', async () => {
    expect(await verifyPassword('plain-text', 'plain-text')).toBe(false);
    expect(await verifyPassword('scrypt$1099511627776$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x')).toBe(false);
    expect(needsRehash('scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    // The parameters before this version: replaced at the next successful sign-in.
    expect(needsRehash('scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
  });

  it('the dummy hash uses the current parameters, so unknown emails cost the same', async () => {
    const [, N, r, p, salt, key] = DUMMY_HASH.split('$');
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(SCRYPT_PARAMS.saltLength);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(SCRYPT_PARAMS.keyLength);
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
  });
});

describe('roles', () => {
  it('reviewers and admins override; auditors and admins see the log; admins manage users', () => {
    expect(ROLES).toEqual(['reviewer', 'auditor', 'admin']);
    expect(ROLES.filter(canOverride)).toEqual(['reviewer', 'admin']);
    expect(ROLES.filter(canViewAuditLog)).toEqual(['auditor', 'admin']);
    expect(ROLES.filter(canManageUsers)).toEqual(['admin']);
    expect(canOverride(null)).toBe(false);
    expect(canOverride('superuser')).toBe(false);
    expect(isRole('auditor')).toBe(true);
    expect(isRole('Admin')).toBe(false);
  });
});

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`user store on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('creates a user with a lower-cased email and a verifiable password', async () => {
      const user = await createUser({ email: ' Riya@Example.COM ', name: 'Riya', role: 'reviewer', password: 'long-enough-pw' }, t.db);
      expect(user).toMatchObject({ email: 'riya@example.com', name: 'Riya', role: 'reviewer', status: 'active', session_version: 0 });
      expect(user).not.toHaveProperty('password_hash');
      expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const stored = await findUserByEmail('RIYA@example.com', t.db);
      expect(stored?.id).toBe(user.id);
      expect(await verifyPassword(stored!.password_hash, 'long-enough-pw')).toBe(true);
      expect(await verifyPassword(stored!.password_hash, 'wrong-password')).toBe(false);
      expect((await findUserById(user.id, t.db))?.email).toBe('riya@example.com');
      expect(await findUserById('no-such-id', t.db)).toBeNull();
      expect(await findUserByEmail('nobody@example.com', t.db)).toBeNull();
    });

    it('stores no name as null', async () => {
      const user = await createUser({ email: 'a@b.test', role: 'auditor', password: 'long-enough-pw' }, t.db);
      expect(user.name).toBeNull();
    });

    it('refuses a duplicate email, whatever its case', async () => {
      await createUser({ email: 'dup@example.com', role: 'reviewer', password: 'long-enough-pw' }, t.db);
      await expect(createUser({ email: 'DUP@example.com', role: 'admin', password: 'long-enough-pw' }, t.db)).rejects.toBeInstanceOf(DuplicateEmailError);
      expect(await listUsers(t.db)).toHaveLength(1);
    });

    it('two instances racing to create the same email: exactly one wins', async () => {
      const other = await t.open();
      const input = { email: 'race@example.com', role: 'reviewer' as const, password: 'long-enough-pw' };
      const results = await Promise.allSettled([createUser(input, t.db), createUser(input, other)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(DuplicateEmailError);
    });

    it('validates email, role and password length', async () => {
      const base = { email: 'ok@example.com', role: 'reviewer' as const, password: 'long-enough-pw' };
      await expect(createUser({ ...base, email: 'not-an-email' }, t.db)).rejects.toMatchObject({ field: 'email' });
      await expect(createUser({ ...base, role: 'root' as never }, t.db)).rejects.toMatchObject({ field: 'role' });
      await expect(createUser({ ...base, password: 'short-11chr' }, t.db)).rejects.toBeInstanceOf(InvalidUserInputError);
      await expect(createUser({ ...base, password: 'x'.repeat(201) }, t.db)).rejects.toMatchObject({ field: 'password' });
      // Long enough is not enough: a common or leaked password, or one built from it, is refused.
      for (const guessable of ['x'.repeat(12), 'password1234', 'Qwertyuiop12']) {
        await expect(createUser({ ...base, password: guessable }, t.db)).rejects.toMatchObject({
          field: 'password',
          detail: expect.stringMatching(/^Too easy to guess/),
        });
      }
      await expect(createUser({ ...base, password: 'q8#Lm2!vR4zT' }, t.db)).resolves.toBeTruthy();
      await expect(setUserRole('whoever', 'root' as never, t.db)).rejects.toBeInstanceOf(InvalidUserInputError);
    });

    it('disables and enables; disabling ends sessions', async () => {
      const user = await createUser({ email: 'd@example.com', role: 'reviewer', password: 'long-enough-pw' }, t.db);
      const disabled = await setUserStatus(user.id, 'disabled', t.db);
      expect(disabled.status).toBe('disabled');
      expect(disabled.session_version).toBe(1);
      expect((await findUserById(user.id, t.db))?.status).toBe('disabled');
      const enabled = await setUserStatus(user.id, 'active', t.db);
      expect(enabled).toMatchObject({ status: 'active', session_version: 1 });
      expect(enabled.updated_at >= user.updated_at).toBe(true);
    });

    it('changes a role', async () => {
      const user = await createUser({ email: 'r@example.com', role: 'reviewer', password: 'long-enough-pw' }, t.db);
      expect((await setUserRole(user.id, 'auditor', t.db)).role).toBe('auditor');
      expect((await findUserById(user.id, t.db))?.role).toBe('auditor');
    });

    it('a password reset replaces the password and bumps session_version', async () => {
      const user = await createUser({ email: 'p@example.com', role: 'admin', password: 'first-password' }, t.db);
      const updated = await setUserPassword(user.id, 'second-password', { db: t.db });
      expect(updated.session_version).toBe(user.session_version + 1);
      const stored = (await findUserById(user.id, t.db))!;
      expect(await verifyPassword(stored.password_hash, 'second-password')).toBe(true);
      expect(await verifyPassword(stored.password_hash, 'first-password')).toBe(false);
      await expect(setUserPassword(user.id, 'short', { db: t.db })).rejects.toBeInstanceOf(InvalidUserInputError);
    });

    it('changes to an unknown id are refused', async () => {
      await expect(setUserStatus('missing', 'disabled', t.db)).rejects.toBeInstanceOf(UserNotFoundError);
      await expect(setUserRole('missing', 'admin', t.db)).rejects.toBeInstanceOf(UserNotFoundError);
      await expect(setUserPassword('missing', 'long-enough-pw', { db: t.db })).rejects.toBeInstanceOf(UserNotFoundError);
    });

    it('the database itself refuses bad roles, statuses and upper-case emails', async () => {
      const row = {
        id: 'x',
        email: 'x@example.com',
        name: null,
        role: 'reviewer' as const,
        password_hash: 'h',
        status: 'active' as const,
        created_at: 'now',
        updated_at: 'now',
      };
      await expect(
        t.db
          .insertInto('users')
          .values({ ...row, role: 'root' as never })
          .execute(),
      ).rejects.toThrow();
      await expect(
        t.db
          .insertInto('users')
          .values({ ...row, status: 'gone' as never })
          .execute(),
      ).rejects.toThrow();
      await expect(
        t.db
          .insertInto('users')
          .values({ ...row, email: 'X@example.com' })
          .execute(),
      ).rejects.toThrow();
    });

    it('lists users oldest first, without password hashes', async () => {
      await createUser({ email: 'one@example.com', role: 'reviewer', password: 'long-enough-pw' }, t.db);
      await createUser({ email: 'two@example.com', role: 'auditor', password: 'long-enough-pw' }, t.db);
      const users = await listUsers(t.db);
      expect(users.map((u) => u.email)).toEqual(['one@example.com', 'two@example.com']);
      for (const u of users) expect(u).not.toHaveProperty('password_hash');
    });

    it('seeds the demo accounts once, with their documented passwords', async () => {
      expect(await seedDemoUsers(t.db)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
      expect(await seedDemoUsers(t.db)).toEqual([]);
      const users = await listUsers(t.db);
      expect(users.map((u) => [u.email, u.name, u.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.name, a.role]));
      for (const account of DEMO_ACCOUNTS) {
        const stored = (await findUserByEmail(account.email, t.db))!;
        expect(await verifyPassword(stored.password_hash, account.password)).toBe(true);
      }
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: DEMO_ACCOUNTS.length });
    }, 30_000);

    it('outside demo mode the demo accounts still active are disabled, each with an audit event', async () => {
      await seedDemoUsers(t.db);
      const other = await createUser({ email: 'jane@firm.example', role: 'admin', password: 'a long passphrase 1' }, t.db);
      expect(await retireDemoAccounts(t.db)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
      expect(await retireDemoAccounts(t.db)).toEqual([]);
      for (const account of DEMO_ACCOUNTS) expect((await findUserByEmail(account.email, t.db))?.status).toBe('disabled');
      expect((await findUserById(other.id, t.db))?.status).toBe('active');
      const events = await t.db.selectFrom('audit_events').select(['action', 'detail_json']).where('action', '=', 'user.disabled').execute();
      expect(events).toHaveLength(DEMO_ACCOUNTS.length);
      expect(events[0]!.detail_json).toContain('ARTEMIS_API_URL');
    }, 30_000);
  });
}

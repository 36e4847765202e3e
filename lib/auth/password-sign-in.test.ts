import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_ADDRESS_HEADER } from './client-address';
import { TEST_EVIDENCE_SIGNING_KEY } from '@/testing/evidence-key';

const dir = mkdtempSync(path.join(tmpdir(), 'lrc-password-sign-in-'));

beforeAll(() => {
  // This file runs in its own worker: a console connected to a "real" Artemis, on SQLite.
  Object.assign(process.env, {
    DATA_DIR: dir,
    ARTEMIS_API_URL: 'https://artemis.invalid/api',
    ARTEMIS_TOKEN_URL: 'https://artemis.invalid/oauth/token',
    ARTEMIS_CLIENT_ID: 'client',
    ARTEMIS_CLIENT_SECRET: 'secret',
    ARTEMIS_DOMAIN_ID: '1',
    AUTH_SECRET: 'password-sign-in-test-secret-0123456789',
    EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    LOG_LEVEL: 'silent',
  });
  delete process.env.DATABASE_URL;
  delete process.env.TRUSTED_PROXY_HOPS;
});

afterAll(async () => {
  const { closeDb } = await import('@/lib/db');
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

const from = (address: string) => ({ headers: new Headers({ [SOCKET_ADDRESS_HEADER]: address }) });

/** A hash as the console made them before its parameters were raised (p=1). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('authenticateWithPassword', { timeout: 60_000 }, () => {
  it('upgrades a hash made under weaker parameters at the next successful sign-in', async () => {
    const { getDb } = await import('@/lib/db');
    const { createUser, findUserByEmail } = await import('@/lib/users/store');
    const { authenticateWithPassword } = await import('./password-sign-in');
    const db = await getDb();
    const user = await createUser({ email: 'old.hash@example.test', role: 'reviewer', password: 'an old passphrase 1' }, db);
    await db
      .updateTable('users')
      .set({ password_hash: oldHash('an old passphrase 1') })
      .where('id', '=', user.id)
      .execute();

    expect(await authenticateWithPassword({ email: 'old.hash@example.test', password: 'an old passphrase 1' }, from('192.0.2.1'))).toMatchObject({ ok: true });
    const upgraded = (await findUserByEmail('old.hash@example.test', db))!.password_hash;
    expect(upgraded).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await authenticateWithPassword({ email: 'old.hash@example.test', password: 'an old passphrase 1' }, from('192.0.2.1'))).toMatchObject({ ok: true });
  });

  it('refuses a demo account outside demo mode, even one left active', async () => {
    const { getDb } = await import('@/lib/db');
    const { seedDemoUsers, DEMO_ACCOUNTS } = await import('@/lib/users/demo');
    const { authenticateWithPassword } = await import('./password-sign-in');
    await seedDemoUsers(await getDb());
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    expect(await authenticateWithPassword({ email: admin.email, password: admin.password }, from('192.0.2.2'))).toEqual({ ok: false, throttled: false });
  });

  it('is throttled before any hash: after the free failures even the right password is refused', async () => {
    const { getDb } = await import('@/lib/db');
    const { createUser } = await import('@/lib/users/store');
    const { authenticateWithPassword } = await import('./password-sign-in');
    await createUser({ email: 'target@example.test', role: 'admin', password: 'the right passphrase' }, await getDb());
    for (let i = 0; i < 5; i++) {
      expect(await authenticateWithPassword({ email: 'target@example.test', password: `guess ${i}` }, from(`198.51.100.${i}`))).toEqual({
        ok: false,
        throttled: false,
      });
    }
    expect(await authenticateWithPassword({ email: 'target@example.test', password: 'the right passphrase' }, from('198.51.100.99'))).toEqual({
      ok: false,
      throttled: true,
    });
    const events = await (
      await getDb()
    )
      .selectFrom('audit_events')
      .select(['action', 'detail_json'])
      .where('actor_email', '=', 'target@example.test')
      .execute();
    expect(events.filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(5);
    expect(events.filter((e) => e.action === 'auth.locked_out')).toHaveLength(1);
  });

  it('takes a one-time password from an admin for 24 hours, not after', async () => {
    const { getDb } = await import('@/lib/db');
    const { createUser } = await import('@/lib/users/store');
    const { resetUserPassword } = await import('@/lib/users/admin');
    const { authenticateWithPassword } = await import('./password-sign-in');
    const db = await getDb();
    const user = await createUser({ email: 'one.time@example.test', role: 'reviewer', password: 'my first passphrase' }, db);
    const actor = { id: 'admin', email: 'admin@example.test', role: 'admin' };
    const { oneTimePassword } = await resetUserPassword(user.id, {}, { actor, source: 'console', db });
    expect(oneTimePassword).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const signIn = () => authenticateWithPassword({ email: 'one.time@example.test', password: oneTimePassword }, from('192.0.2.3'));
    expect(await signIn()).toMatchObject({ ok: true });
    await db
      .updateTable('users')
      .set({ password_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    expect(await signIn()).toEqual({ ok: false, throttled: false });
    const failure = await db
      .selectFrom('audit_events')
      .select('detail_json')
      .where('action', '=', 'auth.sign_in_failed')
      .where('actor_email', '=', 'one.time@example.test')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(failure.detail_json!)).toMatchObject({ reason: 'one_time_password_expired' });
  });
});

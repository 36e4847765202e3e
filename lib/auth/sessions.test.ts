import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown, required: 'all' as 'all' | 'admins' | 'off' }));
vi.mock('@/lib/env', () => ({
  getEnv: () => ({
    authSecret: 'session-test-secret-0123456789abcdef',
    mfa: { required: state.required, stepUpMinutes: 15, passwordSignIn: true },
    session: { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 },
  }),
}));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { createUser } = await import('@/lib/users/store');
const { replaceRecoveryCodes } = await import('@/lib/users/factors');
const { endOtherSessions, endOwnSession, listOpenSessions, PENDING_LIMIT_MS, recentlyConfirmed, recordSecondFactor, sessionStateOf, startSession } =
  await import('./sessions');
const { setUserPassword } = await import('@/lib/users/store');

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const signIn = { method: 'password' as const, secondFactor: false, clientAddress: '198.51.100.7', userAgent: 'test' };

await describeEachDialect('sessions and the second-factor policy', (database) => {
  beforeEach(() => {
    state.db = database().db;
    state.required = 'all';
  });

  async function account(role: 'reviewer' | 'admin' = 'reviewer') {
    const user = await createUser(
      { email: `${role}.${Math.random().toString(36).slice(2)}@example.test`, role, password: 'correct horse battery 1' },
      database().db,
    );
    return { user, claims: (sid: string) => ({ sub: user.id, sv: user.session_version, sid }) };
  }

  it('under MFA_REQUIRED=all a password sign-in is pending set-up until a factor is given, for ten minutes at most', async () => {
    const { user, claims } = await account();
    const sid = await startSession(user.id, signIn);
    expect(await sessionStateOf(claims(sid))).toMatchObject({ kind: 'pending', step: 'setup', user: { id: user.id } });
    expect(await sessionStateOf(claims(sid), Date.now() + PENDING_LIMIT_MS + 1_000)).toBeNull();
    await recordSecondFactor(sid);
    expect(await sessionStateOf(claims(sid))).toMatchObject({ kind: 'active', session: { id: sid } });
  });

  it('an account with a factor is asked for it whatever the policy; admins only under MFA_REQUIRED=admins', async () => {
    state.required = 'off';
    const reviewer = await account();
    expect(await sessionStateOf(reviewer.claims(await startSession(reviewer.user.id, signIn)))).toMatchObject({ kind: 'active' });
    await database()
      .db.insertInto('mfa_factors')
      .values({
        id: 'f1',
        user_id: reviewer.user.id,
        kind: 'totp',
        name: 'Authenticator app',
        secret: null,
        last_step: null,
        credential_id: null,
        public_key: null,
        counter: null,
        transports: null,
        created_at: new Date().toISOString(),
        last_used_at: null,
      })
      .execute();
    await replaceRecoveryCodes(reviewer.user.id, database().db);
    expect(await sessionStateOf(reviewer.claims(await startSession(reviewer.user.id, signIn)))).toMatchObject({ kind: 'pending', step: 'verify' });

    state.required = 'admins';
    const admin = await account('admin');
    const plain = await account();
    expect(await sessionStateOf(admin.claims(await startSession(admin.user.id, signIn)))).toMatchObject({ kind: 'pending', step: 'setup' });
    expect(await sessionStateOf(plain.claims(await startSession(plain.user.id, signIn)))).toMatchObject({ kind: 'active' });
    // Single sign-on that vouched for two factors opens at once.
    expect(await sessionStateOf(admin.claims(await startSession(admin.user.id, { ...signIn, method: 'oidc', secondFactor: true })))).toMatchObject({
      kind: 'active',
    });
  });

  it('a cookie naming another account, an old session version, or an ended session opens nothing', async () => {
    state.required = 'off';
    const a = await account();
    const b = await account();
    const sid = await startSession(a.user.id, signIn);
    expect(await sessionStateOf({ sub: b.user.id, sv: 0, sid })).toBeNull();
    expect(await sessionStateOf({ ...a.claims(sid), sv: 1 })).toBeNull();
    expect(await sessionStateOf({ sub: a.user.id, sv: 0 })).toBeNull();
    await database().db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('id', '=', sid).execute();
    expect(await sessionStateOf(a.claims(sid))).toBeNull();
  });

  it('a step-up lasts STEP_UP_MINUTES', () => {
    const now = Date.parse('2026-12-07T10:00:00.000Z');
    expect(recentlyConfirmed({ confirmed_at: '2026-12-07T09:45:00.000Z' }, now)).toBe(true);
    expect(recentlyConfirmed({ confirmed_at: '2026-12-07T09:44:59.000Z' }, now)).toBe(false);
  });

  it('after a one-time password the session opens only once the person has chosen their own; single sign-on is not held', async () => {
    state.required = 'off';
    const { user, claims } = await account();
    await database()
      .db.updateTable('users')
      .set({ password_expires_at: new Date(Date.now() + 3_600_000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    const sid = await startSession(user.id, signIn);
    expect(await sessionStateOf(claims(sid))).toMatchObject({ kind: 'pending', step: 'password' });
    expect(await sessionStateOf(claims(await startSession(user.id, { ...signIn, method: 'oidc' })))).toMatchObject({ kind: 'active' });
    await setUserPassword(user.id, 'a passphrase of my own 31', { db: database().db, keepSession: sid });
    expect(await sessionStateOf(claims(sid))).toMatchObject({ kind: 'active' });
  });

  it('lists the sessions that could still be used, and ends one, or all but this one', async () => {
    state.required = 'off';
    const { user, claims } = await account();
    const [first, second, third] = [
      await startSession(user.id, signIn),
      await startSession(user.id, { ...signIn, userAgent: UA }),
      await startSession(user.id, signIn),
    ];
    const listed = await listOpenSessions(user.id);
    expect(listed.map((s) => s.id).sort()).toEqual([first, second, third].sort());
    expect(listed.find((s) => s.id === second)).toMatchObject({ browser: 'Chrome 131 on Linux', clientAddress: '198.51.100.7', method: 'password' });
    // Past the absolute limit a session is no longer listed.
    expect(await listOpenSessions(user.id, Date.now() + 9 * 3_600_000)).toEqual([]);

    const stranger = await account();
    expect(await endOwnSession(stranger.user.id, first)).toBe(false);
    expect(await endOwnSession(user.id, first)).toBe(true);
    expect(await endOwnSession(user.id, first)).toBe(false);
    expect(await sessionStateOf(claims(first))).toBeNull();
    expect(await endOtherSessions(user.id, third)).toBe(1);
    expect(await sessionStateOf(claims(second))).toBeNull();
    expect((await listOpenSessions(user.id)).map((s) => s.id)).toEqual([third]);
  });
});

import { Secret, TOTP } from 'otpauth';
import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown, required: 'all' as 'all' | 'admins' | 'off' }));
vi.mock('@/lib/env', () => ({
  getEnv: () => ({ authSecret: 'factor-test-secret-0123456789abcdef', mfa: { required: state.required, stepUpMinutes: 15, passwordSignIn: true } }),
}));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { checkCode, enrolTotp, listFactors, newTotpSecret, removeFactor, replaceRecoveryCodes, totpStep } = await import('./factors');

/** An hour ahead, 10 s into a step: later than any enrolment the tests make at the real clock. */
const T0 = (Math.floor(Date.now() / 30_000) + 120) * 30_000 + 10_000;
const codeAt = (secret: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

await describeEachDialect('second factors', (database) => {
  beforeEach(() => {
    state.db = database().db;
  });

  it('turns an authenticator app on only with a valid code, keeps its secret sealed, and gives ten recovery codes once', async () => {
    const secret = newTotpSecret();
    expect(await enrolTotp('u-1', secret, '000000')).toBeNull();
    const enrolled = await enrolTotp('u-1', secret, codeAt(secret, Date.now()));
    expect(enrolled?.recoveryCodes).toHaveLength(10);
    expect(new Set(enrolled!.recoveryCodes).size).toBe(10);
    for (const code of enrolled!.recoveryCodes!) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const stored = await database().db.selectFrom('mfa_factors').select('secret').executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(secret);
    const codes = await database().db.selectFrom('mfa_recovery_codes').select('code_hash').execute();
    expect(codes.map((c) => c.code_hash).join()).not.toContain(enrolled!.recoveryCodes![0]!.replace('-', ''));
    expect(await listFactors('u-1')).toMatchObject({ factors: [{ kind: 'totp', name: 'Authenticator app' }], recoveryCodesLeft: 10 });
  });

  it('accepts a code once: a replay in the same window is refused, the next step is taken', async () => {
    const secret = newTotpSecret();
    expect(await enrolTotp('u-2', secret, codeAt(secret, Date.now()))).not.toBeNull();
    // Later checks are made at T0, after the enrolment's own (spent) step.
    expect(totpStep(secret, codeAt(secret, T0), T0)).toBe(Math.floor(T0 / 30_000));
    const now = codeAt(secret, T0);
    const [a, b] = await Promise.all([checkCode('u-2', now, T0), checkCode('u-2', now, T0)]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, replay: true });
    expect(await checkCode('u-2', now, T0 + 5_000)).toEqual({ ok: false, replay: true });
    expect(await checkCode('u-2', codeAt(secret, T0 + 30_000), T0 + 30_000)).toEqual({ ok: true, factor: 'totp' });
    expect(await checkCode('u-2', '123456', T0 + 30_000)).toMatchObject({ ok: false });
    expect(await checkCode('u-other', codeAt(secret, T0 + 60_000), T0 + 60_000)).toEqual({ ok: false, replay: false });
  });

  it('takes each recovery code once, however it is typed', async () => {
    const codes = await replaceRecoveryCodes('u-3', database().db);
    const first = codes[0]!;
    expect(await checkCode('u-3', ` ${first.toUpperCase()} `)).toEqual({ ok: true, factor: 'recovery', recoveryCodesLeft: 9 });
    expect(await checkCode('u-3', first)).toEqual({ ok: false, replay: false });
    expect(await checkCode('u-3', first.replace('-', ''))).toEqual({ ok: false, replay: false });
    expect(await checkCode('u-3', codes[1]!.replace('-', ''))).toMatchObject({ ok: true, recoveryCodesLeft: 8 });
    // Regenerating replaces them all.
    const fresh = await replaceRecoveryCodes('u-3', database().db);
    expect(await checkCode('u-3', codes[2]!)).toEqual({ ok: false, replay: false });
    expect(await checkCode('u-3', fresh[0]!)).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
  });

  it('removing the last factor takes the recovery codes with it', async () => {
    const secret = newTotpSecret();
    const enrolled = await enrolTotp('u-4', secret, codeAt(secret, Date.now()));
    expect(await removeFactor('u-other', enrolled!.factor.id)).toBeNull();
    expect(await removeFactor('u-4', enrolled!.factor.id)).toMatchObject({ kind: 'totp' });
    expect(await listFactors('u-4')).toEqual({ factors: [], recoveryCodesLeft: 0 });
  });
});

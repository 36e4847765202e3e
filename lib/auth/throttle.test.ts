import { expect, it } from 'vitest';
import { describeEachDialect } from '@/testing/db';
import { reserveSignInAttempt, settleSignInAttempt, signInWaitSeconds, THROTTLE } from './throttle';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

await describeEachDialect('sign-in throttle', (database) => {
  const reserve = (email: string, client: string, now = T0) => reserveSignInAttempt(email, client, { now, db: database().db });

  it('counts attempts atomically: of 20 concurrent wrong attempts on several instances, only the free ones get through', async () => {
    const instances = [database().db, await database().open(), await database().open()];
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reserveSignInAttempt('ada@example.test', `198.51.100.${i}`, { now: T0, db: instances[i % instances.length]! })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(THROTTLE.freePerAccount);
    for (const d of decisions) if (!d.allowed) expect(d.waitSeconds).toBe(30);
    expect(await signInWaitSeconds('ADA@example.test', '203.0.113.9', { now: T0, db: database().db })).toBe(30);
  });

  it('blocks progressively and for a while only: each failure past the free ones doubles the wait, up to the cap', async () => {
    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const decision = await reserve('rita@example.test', `client-${i}`, now);
      expect(decision.allowed).toBe(true);
      if (decision.allowed) await settleSignInAttempt(decision.reservation, false, { db: database().db });
      const wait = await signInWaitSeconds('rita@example.test', 'anyone', { now, db: database().db });
      waits.push(wait);
      now += wait * 1000;
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 300, 300, 300, 300]);
  });

  it('refuses during a block without counting, and a quiet window starts the count over', async () => {
    for (let i = 0; i < THROTTLE.freePerAccount; i++) await reserve('sam@example.test', 'c', T0);
    expect(await reserve('sam@example.test', 'c', T0 + 29_000)).toEqual({ allowed: false, waitSeconds: 1 });
    const quiet = T0 + THROTTLE.windowMs;
    expect(await reserve('sam@example.test', 'c', quiet)).toMatchObject({ allowed: true, reservation: { lockouts: [] } });
  });

  it('a success gives its reservation back: the account starts over, the client keeps only its failures', async () => {
    for (let i = 0; i < 3; i++) await reserve('otto@example.test', 'office', T0);
    const ok = await reserve('otto@example.test', 'office', T0);
    if (!ok.allowed) throw new Error('refused');
    await settleSignInAttempt(ok.reservation, true, { db: database().db });
    const rows = await database().db.selectFrom('sign_in_throttle').selectAll().orderBy('key').execute();
    expect(rows.map((r) => [r.key, Number(r.failures)])).toEqual([['client:office', 3]]);
  });

  it('many people behind one address: successes do not add up to a block on it', async () => {
    for (let i = 0; i < THROTTLE.freePerClient * 2; i++) {
      const decision = await reserve(`person${i}@example.test`, 'shared-nat', T0 + i);
      expect(decision.allowed).toBe(true);
      if (decision.allowed) await settleSignInAttempt(decision.reservation, true, { db: database().db });
    }
    expect(await signInWaitSeconds('someone@example.test', 'shared-nat', { now: T0, db: database().db })).toBe(0);
  });

  it('reports the lockout a failure causes, per key', async () => {
    let last;
    for (let i = 0; i < THROTTLE.freePerAccount; i++) last = await reserve('lock@example.test', `c${i}`, T0);
    expect(last).toMatchObject({ allowed: true, reservation: { lockouts: [{ kind: 'account', failures: 5, until: '2026-12-01T10:00:30.000Z' }] } });
  });
});

import { beforeEach, expect, it, vi } from 'vitest';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { listDocumentHistory, recordAuditEvent } from '@/lib/audit/trail';
import { describeEachDialect } from '@/testing/db';
import { keepLockedForSettling, tryLockDocument } from './decision-lock';
import { followOutcomes } from './followers';
import { settleDocumentAttempts } from './settle';

// What follows an outcome (the queue's index among it) is the followers' business: settling tells them.
const follower = vi.hoisted(() => vi.fn(async () => undefined));

const key = { customerId: 1003, documentId: 5005 };
const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };
const pass = { conclusion: true, facialCheck: true };
const fail = { conclusion: false, facialCheck: false };

const documentHolding = (pair: typeof pass) =>
  ({ id: key.documentId, customerId: key.customerId, liveness: { livenessResult: false, ...pair } }) as unknown as ArtemisDocument;
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

await describeEachDialect('settling a document while an unknown outcome holds it', (database) => {
  beforeEach(() => {
    follower.mockClear();
    followOutcomes('test', follower);
  });
  const attempt = async (after: typeof pass) => {
    const event = await recordAuditEvent({ action: 'override.attempted', actor: rita, ...key, before: fail, after }, database().db);
    await tick();
    return event;
  };

  it('confirms only the attempt whose settling window holds the lock, never another one', async () => {
    const db = database().db;
    // An earlier attempt whose process died (no outcome), then one answered 504: unknown.
    const dead = await attempt(pass);
    const unknown = await attempt({ conclusion: true, facialCheck: false });
    await recordAuditEvent({ action: 'override.outcome_unknown', actor: rita, ...key, correlationId: unknown.id }, db);
    const taken = await tryLockDocument(db, key, { lifetimeMs: 60_000 });
    if (!taken.acquired) throw new Error('lock not taken');
    await keepLockedForSettling(db, taken.lock, unknown.id, 60_000);
    await tick();

    // Artemis holds the dead attempt's values: without the lock nothing may credit it.
    const read = vi.fn(async () => documentHolding(pass));
    const first = await settleDocumentAttempts(key, [dead, unknown], { read }, { reconciledBy: 'test', db });
    expect(first).toEqual({ resolved: [], busy: true });
    expect(read).toHaveBeenCalledTimes(1);
    expect((await tryLockDocument(db, key, { lifetimeMs: 60_000 })).acquired).toBe(false);

    // Once Artemis holds the window's own attempt, that one is confirmed and the window ends.
    const second = await settleDocumentAttempts(
      key,
      [dead, unknown],
      { read: async () => documentHolding({ conclusion: true, facialCheck: false }) },
      { reconciledBy: 'test', db },
    );
    expect(second.resolved.map((r) => [r.attempt.id, r.outcome.action])).toEqual([[unknown.id, 'override.applied']]);
    expect(second.busy).toBe(true);
    expect(follower).toHaveBeenCalledTimes(1);
    expect(follower).toHaveBeenCalledWith(
      expect.objectContaining({
        attempt: expect.objectContaining({ id: unknown.id }),
        outcome: expect.objectContaining({ action: 'override.applied' }),
        document: expect.objectContaining({ id: key.documentId }),
      }),
      db,
    );
    const history = await listDocumentHistory(key.customerId, key.documentId, db);
    expect(history.filter((e) => e.correlationId === dead.id)).toEqual([]);
    expect((await tryLockDocument(db, key, { lifetimeMs: 60_000 })).acquired).toBe(true);
  });

  it('a read made before the attempt (a read-ahead) settles nothing, even one showing the attempted values', async () => {
    const db = database().db;
    const earlier = { document: documentHolding(pass), startedAt: new Date().toISOString() };
    await tick();
    const lost = await attempt(pass);
    const read = vi.fn(async () => documentHolding(fail));
    const result = await settleDocumentAttempts(key, [lost], { earlier, read }, { reconciledBy: 'test', db });
    // The lock was free: the read under it (sent after the attempt) decides, and shows it not applied.
    expect(read).toHaveBeenCalledTimes(1);
    expect(result.resolved.map((r) => r.outcome.action)).toEqual(['override.not_applied']);
  });
});

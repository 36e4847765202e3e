import { describe, expect, it } from 'vitest';
import { longestCallMs } from '@/lib/artemis/http';
import { describeEachDialect } from '@/testing/db';
import { keepLockedForSettling, lockDocument, releaseDocumentLock, tryLockDocument } from './decision-lock';
import { decisionLockLifetimeMs } from './timing';

const doc = { customerId: 1003, documentId: 5005 };
const at = (iso: string) => new Date(iso);

describe('decisionLockLifetimeMs', () => {
  it('outlives the longest decision: two reads (document, then the list fallback) and the PUT, each with every retry', () => {
    const timeout = 10_000;
    const lifetime = decisionLockLifetimeMs(timeout);
    expect(lifetime).toBeGreaterThan(2 * longestCallMs('read', timeout) + longestCallMs('write', timeout));
    expect(decisionLockLifetimeMs(2 * timeout)).toBeGreaterThan(lifetime);
  });
});

await describeEachDialect('decision lock', (database) => {
  it('is held by one holder at a time, per document', async () => {
    const now = at('2026-12-01T10:00:00.000Z');
    const a = await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'a', now });
    const b = await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'b', now });
    const other = await tryLockDocument(database().db, { ...doc, documentId: 5006 }, { lifetimeMs: 60_000, holder: 'b', now });
    expect(a.acquired).toBe(true);
    expect(b).toEqual({ acquired: false, heldBy: expect.objectContaining({ holder: 'a', purpose: 'decision', expiresAt: '2026-12-01T10:01:00.000Z' }) });
    expect(other.acquired).toBe(true);
  });

  it('expires: a lock left by a crashed holder is free once its lifetime has passed, not before', async () => {
    await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'crashed', now: at('2026-12-01T10:00:00.000Z') });
    expect((await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'b', now: at('2026-12-01T10:00:59.999Z') })).acquired).toBe(false);
    const later = await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'b', now: at('2026-12-01T10:01:00.000Z') });
    expect(later).toMatchObject({ acquired: true, lock: { holder: 'b', expiresAt: '2026-12-01T10:02:00.000Z' } });
  });

  it('is released only by its holder', async () => {
    const now = new Date();
    await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'a', now });
    await releaseDocumentLock(database().db, doc, 'b');
    expect((await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'b', now })).acquired).toBe(false);
    await releaseDocumentLock(database().db, doc, 'a');
    expect((await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'b', now })).acquired).toBe(true);
  });

  it('after an unknown outcome stays held by the attempt for the settling window', async () => {
    const now = at('2026-12-01T10:00:00.000Z');
    const taken = await tryLockDocument(database().db, doc, { lifetimeMs: 600_000, holder: 'decision', now });
    if (!taken.acquired) throw new Error('not acquired');
    await keepLockedForSettling(database().db, taken.lock, 'attempt-1', 4_000, now);
    const during = await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, now: at('2026-12-01T10:00:03.000Z') });
    expect(during).toMatchObject({ acquired: false, heldBy: { holder: 'attempt-1', purpose: 'settling' } });
    expect((await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, now: at('2026-12-01T10:00:04.000Z') })).acquired).toBe(true);
  });

  it('a second decision waits for the first to end, but not for a settling window, and not for ever', async () => {
    const first = await tryLockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'first' });
    if (!first.acquired) throw new Error('not acquired');
    setTimeout(() => void releaseDocumentLock(database().db, doc, 'first'), 300);
    const started = Date.now();
    const second = await lockDocument(database().db, doc, { lifetimeMs: 60_000, holder: 'second', maxWaitMs: 5_000 });
    expect(second).toMatchObject({ acquired: true, lock: { holder: 'second' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    expect(await lockDocument(database().db, doc, { lifetimeMs: 60_000, maxWaitMs: 300 })).toMatchObject({ acquired: false, heldBy: { holder: 'second' } });
    if (second.acquired) await keepLockedForSettling(database().db, second.lock, 'attempt-2', 60_000);
    const quick = Date.now();
    expect(await lockDocument(database().db, doc, { lifetimeMs: 60_000, maxWaitMs: 5_000 })).toMatchObject({
      acquired: false,
      heldBy: { purpose: 'settling' },
    });
    expect(Date.now() - quick).toBeLessThan(1_000);
  });

  it('has exactly one winner among many instances trying at once', async () => {
    const instances = [database().db, await database().open(), await database().open(), await database().open()];
    const now = new Date();
    const attempts = await Promise.all(
      Array.from({ length: 24 }, (_, i) => tryLockDocument(instances[i % instances.length]!, doc, { lifetimeMs: 60_000, holder: `h${i}`, now })),
    );
    const winners = attempts.filter((a) => a.acquired);
    expect(winners).toHaveLength(1);
    const holder = winners[0]!.acquired ? winners[0]!.lock.holder : '';
    for (const a of attempts) if (!a.acquired) expect(a.heldBy?.holder).toBe(holder);
  });
});

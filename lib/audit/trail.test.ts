import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { appendMany, overrideEvent } from '@/testing/audit-event';
import { canonicalJson } from '@/lib/canonical-json';
import type { AuditAction } from './actions';
import { GENESIS_HASH, listDocumentHistory, recordAuditEvent } from './trail';
import { verifyAuditChain } from './verify';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(new Date('2024-01-02T03:04:05.678Z'))).toBe('"2024-01-02T03:04:05.678Z"');
  });
});

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`audit trail on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('records an event with every field and chains it from 64 zeros', async () => {
      const first = await recordAuditEvent(overrideEvent({ requestId: 'req-1', upstreamStatus: null }), t.db);
      const second = await recordAuditEvent(
        overrideEvent({ action: 'override.applied', correlationId: first.id, upstreamStatus: 200, requestId: 'req-2' }),
        t.db,
      );
      expect(first.prevHash).toBe(GENESIS_HASH);
      expect(second.prevHash).toBe(first.hash);
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(second.seq).toBeGreaterThan(first.seq);

      const history = await listDocumentHistory(101, 202, t.db);
      expect(history.map((e) => e.id)).toEqual([second.id, first.id]); // newest first
      expect(history[0]).toEqual(second);
      const { customerId, documentId, before, after, machine, reasonCode, reasonText, thresholds, actor } = overrideEvent();
      expect(history[0]).toMatchObject({
        ...{ customerId, documentId, before, after, machine, reasonCode, reasonText, thresholds },
        seq: expect.any(Number),
        correlationId: first.id,
        upstreamStatus: 200,
        requestId: 'req-2',
        actorId: actor.id,
        actorEmail: actor.email,
        actorRole: actor.role,
        detail: null,
      });
      expect(await listDocumentHistory(101, 999, t.db)).toEqual([]);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('keeps events without a document or actor id', async () => {
      const e = await recordAuditEvent(
        { action: 'auth.sign_in_failed', actor: { id: null, email: 'nobody@x.test', role: null }, detail: { reason: 'unknown_email' } },
        t.db,
      );
      expect(e).toMatchObject({ customerId: null, documentId: null, actorId: null, actorRole: null, before: null });
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 1 });
    });

    it('text the database would store otherwise (a lone surrogate, a NUL) is recorded as stored, and the chain still verifies', async () => {
      const e = await recordAuditEvent(overrideEvent({ reasonText: 'eyes \ud800open\u0000 now', requestId: 'req\udc00' }), t.db);
      expect(e.reasonText).toBe('eyes \ufffdopen\ufffd now');
      const [stored] = await listDocumentHistory(101, 202, t.db);
      expect(stored).toEqual(e);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 1 });
    });

    it('an event is never dated before the one it follows, whatever the clock says', async () => {
      const first = await recordAuditEvent(overrideEvent(), t.db);
      // Another instance whose clock is an hour behind appends next.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(first.occurredAt) - 3_600_000 });
      let second;
      try {
        second = await recordAuditEvent(overrideEvent(), t.db);
      } finally {
        vi.useRealTimers();
      }
      expect(second.occurredAt).toBe(first.occurredAt);
      const third = await recordAuditEvent(overrideEvent(), t.db);
      expect(third.occurredAt >= first.occurredAt).toBe(true);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 3 });
    });

    it('concurrent appends, from one instance and a second one, keep a single valid chain', async () => {
      const other = await t.open();
      const writes = [
        ...Array.from({ length: 20 }, (_, i) => recordAuditEvent(overrideEvent({ detail: { i, via: 'first' } }), t.db)),
        ...Array.from({ length: 20 }, (_, i) => recordAuditEvent(overrideEvent({ detail: { i, via: 'second' } }), other)),
      ];
      const events = await Promise.all(writes);
      expect(new Set(events.map((e) => e.prevHash)).size).toBe(40); // no fork: every parent used once
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 40 });
      expect(await verifyAuditChain(other)).toEqual({ ok: true, count: 40 });
    });

    it('a failed transaction leaves no event behind', async () => {
      const { writeTransaction } = await import('@/lib/db');
      await appendMany(t.db, 1);
      await expect(
        writeTransaction(t.db, async (trx) => {
          await recordAuditEvent(overrideEvent(), trx);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await appendMany(t.db, 1);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('refuses malformed ids', async () => {
      await expect(recordAuditEvent(overrideEvent({ customerId: 1.5 }), t.db)).rejects.toThrow(/integer/);
      // The type refuses it too; the check is for callers outside TypeScript.
      await expect(recordAuditEvent({ ...overrideEvent(), action: '' as AuditAction }, t.db)).rejects.toThrow(/action/);
    });

    if (kind === 'sqlite') {
      it('appends from several processes on one SQLite file keep a single valid chain', async () => {
        const file = t.location.sqlitePath!;
        const worker = path.join(root, 'testing/audit-append-worker.ts');
        const child = (label: string) => run(tsx, ['--conditions=react-server', worker, file, '15', label], { cwd: root, timeout: 60_000 });
        await Promise.all([child('a'), child('b'), appendMany(t.db, 15)]);
        expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 45 });
      }, 90_000);

      it('several processes creating and migrating a new SQLite file at once', async () => {
        const file = path.join(path.dirname(t.location.sqlitePath!), 'fresh', 'new.db');
        const worker = path.join(root, 'testing/audit-append-worker.ts');
        const child = (label: string) => run(tsx, ['--conditions=react-server', worker, file, '10', label], { cwd: root, timeout: 60_000 });
        await Promise.all([child('a'), child('b'), child('c')]);
        const { createDatabase } = await import('@/lib/db');
        const db = await createDatabase({ sqlitePath: file });
        try {
          expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 30 });
        } finally {
          await db.destroy();
        }
      }, 90_000);
    }
  });
}

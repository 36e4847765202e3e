import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { canonicalJson } from '@/lib/canonical-json';
import type { AuditAction } from './actions';
import { advanceChainHead, computeEventHash, GENESIS_HASH, listDocumentHistory, recordAuditEvent, verifyAuditChain, type AuditEventInput } from './trail';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

const reviewer = { id: 'u-1', email: 'reviewer@demo.test', role: 'reviewer' };

function overrideEvent(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'override.attempted',
    actor: reviewer,
    customerId: 101,
    documentId: 202,
    before: { conclusion: false, facialCheck: false },
    after: { conclusion: true, facialCheck: true },
    machine: { livenessResult: false, confidence: 42.5, eyesClosed: { value: false, confidence: 99 } },
    reasonCode: 'FALSE_REJECT',
    reasonText: 'Genuine person, poor lighting',
    thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
    ...overrides,
  };
}

/** What an attacker with direct database access does first. */
async function dropAppendOnlyTriggers(t: TestDatabase) {
  if (t.kind === 'postgres') {
    await sql`drop trigger audit_events_no_update_delete on audit_events`.execute(t.db);
    await sql`drop trigger audit_events_no_truncate on audit_events`.execute(t.db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(t.db);
    await sql`drop trigger audit_events_no_delete`.execute(t.db);
  }
}

async function appendMany(db: Kysely<Database>, n: number) {
  const events = [];
  for (let i = 0; i < n; i++) events.push(await recordAuditEvent(overrideEvent({ detail: { i } }), db));
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"z":1}]},"b":1}',
    );
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
      expect(history[0]).toMatchObject({
        seq: expect.any(Number),
        customerId: 101,
        documentId: 202,
        correlationId: first.id,
        upstreamStatus: 200,
        requestId: 'req-2',
        actorId: 'u-1',
        actorEmail: 'reviewer@demo.test',
        actorRole: 'reviewer',
        before: { conclusion: false, facialCheck: false },
        after: { conclusion: true, facialCheck: true },
        machine: { livenessResult: false, confidence: 42.5, eyesClosed: { value: false, confidence: 99 } },
        reasonCode: 'FALSE_REJECT',
        reasonText: 'Genuine person, poor lighting',
        thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
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

    it('an empty trail verifies', async () => {
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 0 });
    });

    it('the database refuses UPDATE and DELETE on audit_events', async () => {
      await appendMany(t.db, 2);
      await expect(sql`update audit_events set reason_text = 'changed'`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_events where seq = (select max(seq) from audit_events)`.execute(t.db)).rejects.toThrow(
        /append-only/,
      );
      if (kind === 'postgres') {
        await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
      }
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('detects an edited event', async () => {
      const events = await appendMany(t.db, 4);
      await dropAppendOnlyTriggers(t);
      await sql`update audit_events set reason_text = 'Nothing to see' where id = ${events[1]!.id}`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toEqual({
        ok: false,
        count: 1,
        brokenAt: { seq: events[1]!.seq, id: events[1]!.id, reason: expect.stringMatching(/altered/) },
      });
    });

    it('detects an edited JSON payload and an edited actor', async () => {
      const events = await appendMany(t.db, 3);
      await dropAppendOnlyTriggers(t);
      await sql`update audit_events set after_json = '{"facialCheck":true,"conclusion":true}' where id = ${events[2]!.id}`.execute(t.db);
      // Same JSON value, different text: still detected, the hash covers the stored text.
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: { seq: events[2]!.seq } });

      const t2 = await createTestDatabase(kind);
      try {
        const more = await appendMany(t2.db, 3);
        await dropAppendOnlyTriggers(t2);
        await sql`update audit_events set actor_email = 'someone@else.test' where id = ${more[0]!.id}`.execute(t2.db);
        expect(await verifyAuditChain(t2.db)).toMatchObject({ ok: false, count: 0, brokenAt: { seq: more[0]!.seq } });
      } finally {
        await t2.cleanup();
      }
    });

    it('detects an edit whose hash was recomputed (the next link breaks)', async () => {
      const events = await appendMany(t.db, 3);
      await dropAppendOnlyTriggers(t);
      const { computeEventHash } = await import('./trail');
      const row = await t.db.selectFrom('audit_events').selectAll().where('id', '=', events[1]!.id).executeTakeFirstOrThrow();
      const forged = { ...row, reason_code: 'OTHER', customer_id: 101, document_id: 202 };
      await sql`update audit_events set reason_code = 'OTHER', hash = ${computeEventHash(forged)} where id = ${row.id}`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toMatchObject({
        ok: false,
        count: 2,
        brokenAt: { seq: events[2]!.seq, id: events[2]!.id, reason: expect.stringMatching(/chain/) },
      });
    });

    it('detects a deleted event', async () => {
      const events = await appendMany(t.db, 4);
      await dropAppendOnlyTriggers(t);
      await sql`delete from audit_events where id = ${events[1]!.id}`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toEqual({
        ok: false,
        count: 1,
        brokenAt: { seq: events[2]!.seq, id: events[2]!.id, reason: expect.stringMatching(/deleted/) },
      });
    });

    it('detects a deleted first event', async () => {
      const events = await appendMany(t.db, 2);
      await dropAppendOnlyTriggers(t);
      await sql`delete from audit_events where id = ${events[0]!.id}`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, count: 0, brokenAt: { id: events[1]!.id } });
    });

    it('detects removal of the newest events through the chain head', async () => {
      const events = await appendMany(t.db, 4);
      await dropAppendOnlyTriggers(t);
      await sql`delete from audit_events where seq >= ${events[2]!.seq}`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toEqual({
        ok: false,
        count: 2,
        brokenAt: { seq: events[3]!.seq, id: events[3]!.id, reason: expect.stringMatching(/newest events are missing/) },
      });
    });

    it('the chain head only moves forward', async () => {
      await appendMany(t.db, 2);
      await expect(sql`update audit_chain_head set event_count = 1`.execute(t.db)).rejects.toThrow(/only moves forward/);
      await expect(sql`delete from audit_chain_head`.execute(t.db)).rejects.toThrow(/only moves forward/);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('detects reordered events', async () => {
      const events = await appendMany(t.db, 4);
      await dropAppendOnlyTriggers(t);
      const [a, b] = [events[1]!.seq, events[2]!.seq];
      await sql`update audit_events set seq = 100000 where seq = ${a}`.execute(t.db);
      await sql`update audit_events set seq = ${a} where seq = ${b}`.execute(t.db);
      await sql`update audit_events set seq = ${b} where seq = 100000`.execute(t.db);
      expect(await verifyAuditChain(t.db)).toEqual({
        ok: false,
        count: 1,
        brokenAt: { seq: a, id: events[2]!.id, reason: expect.stringMatching(/chain/) },
      });
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

    it('detects a chain whose times go backwards, even with every hash right', async () => {
      // Written past the application (which never dates an event before its predecessor).
      let prev = GENESIS_HASH;
      const ids: string[] = [];
      for (const [i, time] of ['2031-01-01T10:00:00.000Z', '2031-01-01T09:00:00.000Z'].entries()) {
        const content = {
          id: `forged-${i}`,
          occurred_at: time,
          action: 'override.attempted',
          actor_id: reviewer.id,
          actor_email: reviewer.email,
          actor_role: reviewer.role,
          customer_id: 101,
          document_id: 202,
          correlation_id: null,
          before_json: null,
          after_json: null,
          machine_json: null,
          reason_code: null,
          reason_text: null,
          thresholds_json: null,
          upstream_status: null,
          request_id: null,
          detail_json: null,
          prev_hash: prev,
        };
        const hash = computeEventHash(content);
        const { seq } = await t.db.insertInto('audit_events').values({ ...content, hash }).returning('seq').executeTakeFirstOrThrow();
        await advanceChainHead(t.db, { seq: Number(seq), id: content.id, hash }, 1);
        prev = hash;
        ids.push(content.id);
      }
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, count: 1, brokenAt: { id: ids[1], reason: expect.stringMatching(/dated before/) } });
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

    it('verifies a chain longer than one read batch', async () => {
      const { writeTransaction } = await import('@/lib/db');
      await writeTransaction(t.db, async (trx) => {
        for (let i = 0; i < 1205; i++) await recordAuditEvent({ action: 'auth.sign_in', actor: reviewer, detail: { i } }, trx);
      });
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 1205 });
    });

    it('refuses malformed ids', async () => {
      await expect(recordAuditEvent(overrideEvent({ customerId: 1.5 }), t.db)).rejects.toThrow(/integer/);
      // The type refuses it too; the check is for callers outside TypeScript.
      await expect(recordAuditEvent({ ...overrideEvent(), action: '' as AuditAction }, t.db)).rejects.toThrow(/action/);
    });

    if (kind === 'sqlite') {
      it(
        'appends from several processes on one SQLite file keep a single valid chain',
        async () => {
          const file = t.location.sqlitePath!;
          const worker = path.join(root, 'testing/audit-append-worker.ts');
          const child = (label: string) =>
            run(tsx, ['--conditions=react-server', worker, file, '15', label], { cwd: root, timeout: 60_000 });
          await Promise.all([child('a'), child('b'), appendMany(t.db, 15)]);
          expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 45 });
        },
        90_000,
      );

      it(
        'several processes creating and migrating a new SQLite file at once',
        async () => {
          const file = path.join(path.dirname(t.location.sqlitePath!), 'fresh', 'new.db');
          const worker = path.join(root, 'testing/audit-append-worker.ts');
          const child = (label: string) =>
            run(tsx, ['--conditions=react-server', worker, file, '10', label], { cwd: root, timeout: 60_000 });
          await Promise.all([child('a'), child('b'), child('c')]);
          const { createDatabase } = await import('@/lib/db');
          const db = await createDatabase({ sqlitePath: file });
          try {
            expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 30 });
          } finally {
            await db.destroy();
          }
        },
        90_000,
      );
    }
  });
}

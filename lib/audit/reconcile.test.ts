import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArtemisClient, type ArtemisClient } from '@/lib/artemis/client';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';
import { findDocument, bumpUpdatedAt, API_USER, resetState } from '@/sandbox/state';
import { SEED_CASES, startSandbox, type Sandbox } from '@/sandbox/server';
import type { AuditAction } from './actions';
import { findDrift, findPendingAttempts, judgeAttempt, pendingAttempts, settleAttempts, timedRead } from './reconcile';
import { listDocumentHistory, recordAuditEvent, type AuditEvent } from './trail';
import { verifyAuditChain } from './verify';

const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };
const doc = SEED_CASES.failed;

let sandbox: Sandbox;
let artemis: ArtemisClient;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo', log: () => undefined });
  artemis = createArtemisClient({
    apiUrl: sandbox.url,
    tokenUrl: `${sandbox.url}/oauth/token`,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    domainId: '4242',
    timeoutMs: 2_000,
  });
});
afterAll(() => sandbox?.close());

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`reconciling lost outcomes on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      resetState(sandbox.state);
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    /** What saveOverride records before its PUT, then "the process dies". */
    async function lostAttempt(after = { conclusion: true, facialCheck: true }) {
      const current = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      const live = current.liveness as Record<string, unknown>;
      return recordAuditEvent(
        {
          action: 'override.attempted',
          actor: rita,
          customerId: doc.customerId,
          documentId: doc.documentId,
          before: { conclusion: live.conclusion, facialCheck: live.facialCheck },
          after,
          machine: { livenessResult: live.livenessResult ?? null },
          reasonCode: 'FALSE_REJECT',
          reasonText: 'Genuine person, checked every frame.',
          thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
          detail: { seenUpdatedAt: toIsoTimestamp(current.updatedAt) },
        },
        t.db,
      );
    }

    const put = async (pair: { conclusion: boolean; facialCheck: boolean }) => {
      const current = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      await artemis.putLiveness(doc.customerId, doc.documentId, { ...(current.liveness as object), ...pair });
    };
    // A read is evidence only when sent after the attempt, to the millisecond: each starts a tick later.
    const live = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return timedRead(() => artemis.getDocument(doc.customerId, doc.documentId));
    };

    it('a PUT that reached Artemis is settled as applied, once', async () => {
      const attempt = await lostAttempt();
      await put({ conclusion: true, facialCheck: true });

      const history = await listDocumentHistory(doc.customerId, doc.documentId, t.db);
      expect(pendingAttempts(history).map((e) => e.id)).toEqual([attempt.id]);
      const [resolved] = await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db });
      expect(resolved!.outcome).toMatchObject({
        action: 'override.applied',
        correlationId: attempt.id,
        actorEmail: rita.email,
        after: { conclusion: true, facialCheck: true },
        reasonText: attempt.reasonText,
        upstreamStatus: null,
        detail: { reconciled: true, reconciledBy: 'test', live: { conclusion: true, facialCheck: true } },
      });
      // A second view (or another instance) finds it settled and records nothing.
      expect(await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db })).toEqual([]);
      expect(await findPendingAttempts({ db: t.db })).toEqual([]);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('a PUT that never arrived is settled as not applied, and only by the holder of the decision lock', async () => {
      const attempt = await lostAttempt();
      expect((await findPendingAttempts({ db: t.db })).map((e) => e.id)).toEqual([attempt.id]);
      // Without the lock a PUT may still be running: only a confirmation could be recorded.
      expect(await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: false, db: t.db })).toEqual([]);
      const [resolved] = await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db });
      expect(resolved!.outcome).toMatchObject({
        action: 'override.not_applied',
        correlationId: attempt.id,
        detail: { reconciled: true, basis: expect.stringMatching(/still holds the values from before/) },
      });
    });

    it("is never credited with a later reviewer's write of the same values", async () => {
      // A's PUT is lost; B, later, sets the very values A had tried, and it is applied.
      const lost = await lostAttempt({ conclusion: true, facialCheck: true });
      await put({ conclusion: true, facialCheck: true });
      const b = await recordAuditEvent(
        {
          action: 'override.attempted',
          actor: { ...rita, email: 'sam@example.test' },
          customerId: doc.customerId,
          documentId: doc.documentId,
          after: { conclusion: true, facialCheck: true },
        },
        t.db,
      );
      await recordAuditEvent(
        {
          action: 'override.applied',
          actor: { ...rita, email: 'sam@example.test' },
          customerId: doc.customerId,
          documentId: doc.documentId,
          correlationId: b.id,
        },
        t.db,
      );

      const [resolved] = await settleAttempts([lost], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db });
      expect(resolved!.outcome).toMatchObject({
        action: 'override.superseded',
        correlationId: lost.id,
        detail: { basis: expect.stringMatching(/later decision/) },
      });
      // Nor without the lock: a confirmation needs nothing applied in between.
      expect(await settleAttempts([lost], await live(), { reconciledBy: 'test', lockHeld: false, db: t.db })).toEqual([]);
    });

    it('only a read sent after the attempt was recorded settles it', async () => {
      // A read-ahead made before the attempt shows the document as it was before the PUT.
      const before = await live();
      const attempt = await lostAttempt({ conclusion: false, facialCheck: false });
      const older = {
        document: { ...before.document!, liveness: { ...(before.document!.liveness as object), conclusion: false, facialCheck: false } },
        startedAt: before.startedAt,
      };
      expect(await settleAttempts([attempt], older, { reconciledBy: 'test', lockHeld: true, db: t.db })).toEqual([]);
      // Sent in the very millisecond the attempt was recorded: its order cannot be told either.
      expect(await settleAttempts([attempt], { ...older, startedAt: attempt.occurredAt }, { reconciledBy: 'test', lockHeld: true, db: t.db })).toEqual([]);
      expect(await findPendingAttempts({ db: t.db })).toHaveLength(1);
      // A read sent afterwards is evidence: Artemis still holds the values from before.
      const [resolved] = await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db });
      expect(resolved!.outcome.action).toBe('override.not_applied');
    });

    it('when the document changed outside the console, the attempt is superseded, not credited', async () => {
      const attempt = await lostAttempt({ conclusion: false, facialCheck: false });
      const stored = findDocument(sandbox.state, doc.customerId, doc.documentId)!;
      stored.liveness = { ...stored.liveness, conclusion: true };
      bumpUpdatedAt(stored, API_USER);
      const [resolved] = await settleAttempts([attempt], await live(), { reconciledBy: 'test', lockHeld: true, db: t.db });
      expect(resolved!.outcome.action).toBe('override.superseded');
      expect((resolved!.outcome.detail as { basis: string }).basis).toMatch(/other values/);
    });

    it('the database refuses a second final outcome, or a second unknown, for one attempt', async () => {
      const attempt = await lostAttempt();
      const outcome = (action: AuditAction) =>
        recordAuditEvent({ action, actor: rita, customerId: doc.customerId, documentId: doc.documentId, correlationId: attempt.id }, t.db);
      await outcome('override.outcome_unknown');
      await expect(outcome('override.outcome_unknown')).rejects.toThrow();
      await outcome('override.not_applied');
      for (const second of ['override.applied', 'override.not_applied', 'override.failed', 'override.superseded'] as const) {
        await expect(outcome(second)).rejects.toThrow();
      }
      const events = await listDocumentHistory(doc.customerId, doc.documentId, t.db);
      expect(events.filter((e) => e.correlationId === attempt.id).map((e) => e.action)).toEqual(['override.not_applied', 'override.outcome_unknown']);
      // Proposal events share correlation ids with their proposal and are not outcomes.
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 3 });
    });

    it('values that changed to the attempted ones count even when updatedAt did not move', () => {
      const attempt = {
        before: { conclusion: false, facialCheck: false },
        after: { conclusion: true, facialCheck: true },
        detail: { seenUpdatedAt: '2026-12-01T10:00:00.000Z' },
      } as unknown as AuditEvent;
      const sameStamp = { conclusion: true, facialCheck: true, updatedAt: '2026-12-01T10:00:00.000Z' };
      expect(judgeAttempt(attempt, sameStamp, false).action).toBe('override.applied');
      // An override that asked for the values already there: only the timestamp tells.
      const noOp = { ...attempt, before: { conclusion: true, facialCheck: true } } as AuditEvent;
      expect(judgeAttempt(noOp, sameStamp, false).action).toBe('override.not_applied');
      expect(judgeAttempt(noOp, { ...sameStamp, updatedAt: '2026-12-01T10:00:05.000Z' }, false).action).toBe('override.applied');
    });

    it('judges by values alone when Artemis gives no timestamps', () => {
      const attempt = {
        before: { conclusion: false, facialCheck: false },
        after: { conclusion: true, facialCheck: true },
        detail: {},
      } as unknown as AuditEvent;
      const at = (conclusion: boolean, facialCheck: boolean) => ({ conclusion, facialCheck, updatedAt: null });
      expect(judgeAttempt(attempt, at(true, true), false).action).toBe('override.applied');
      expect(judgeAttempt(attempt, at(false, false), false).action).toBe('override.not_applied');
      expect(judgeAttempt(attempt, at(true, false), false).action).toBe('override.superseded');
      expect(judgeAttempt(attempt, null, false).action).toBe('override.superseded');
      expect(judgeAttempt(attempt, at(true, true), true).action).toBe('override.superseded');
    });

    it('lists documents whose decision changed in Artemis without an event here', async () => {
      const attempt = await lostAttempt();
      const current = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      await artemis.putLiveness(doc.customerId, doc.documentId, { ...(current.liveness as object), conclusion: true, facialCheck: true });
      await recordAuditEvent(
        {
          action: 'override.applied',
          actor: rita,
          customerId: doc.customerId,
          documentId: doc.documentId,
          correlationId: attempt.id,
          after: { conclusion: true, facialCheck: true },
        },
        t.db,
      );
      expect(await findDrift(artemis, { db: t.db })).toEqual([]);

      const stored = findDocument(sandbox.state, doc.customerId, doc.documentId)!;
      stored.liveness = { ...stored.liveness, facialCheck: false };
      bumpUpdatedAt(stored, API_USER);
      const drift = await findDrift(artemis, { db: t.db });
      expect(drift).toHaveLength(1);
      expect(drift[0]).toMatchObject({ customerId: doc.customerId, documentId: doc.documentId, live: { conclusion: true, facialCheck: false } });
    });
  });
}

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArtemisClient, type ArtemisClient } from '@/lib/artemis/client';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { createTestDatabase, testDialects, type TestDatabase } from '@/lib/db/testing';
import { findDocument, bumpUpdatedAt, API_USER, resetState } from '@/sandbox/state';
import { SEED_CASES, startSandbox, type Sandbox } from '@/sandbox/server';
import { findDrift, findStaleAttempts, resolveAttempts, staleAttempts } from './reconcile';
import { listDocumentHistory, recordAuditEvent, verifyAuditChain } from './trail';

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

    it('a PUT that reached Artemis is recorded as applied, once', async () => {
      const attempt = await lostAttempt();
      const current = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      await artemis.putLiveness(doc.customerId, doc.documentId, { ...(current.liveness as object), conclusion: true, facialCheck: true });

      const history = await listDocumentHistory(doc.customerId, doc.documentId, t.db);
      expect(staleAttempts(history, 60_000)).toEqual([]); // too young: its request may still be running
      const stale = staleAttempts(history, 0);
      expect(stale.map((e) => e.id)).toEqual([attempt.id]);

      const live = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      const [resolved] = await resolveAttempts(stale, live, { reconciledBy: 'test', db: t.db });
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
      expect(await resolveAttempts(stale, live, { reconciledBy: 'test', db: t.db })).toEqual([]);
      expect(await findStaleAttempts(0, { db: t.db })).toEqual([]);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
    });

    it('a PUT that never arrived is recorded as not applied, never as applied', async () => {
      const attempt = await lostAttempt();
      expect((await findStaleAttempts(0, { db: t.db })).map((e) => e.id)).toEqual([attempt.id]);
      const live = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      const [resolved] = await resolveAttempts([attempt], live, { reconciledBy: 'test', db: t.db });
      expect(resolved!.outcome).toMatchObject({
        action: 'override.not_applied',
        correlationId: attempt.id,
        detail: { reconciled: true, basis: expect.stringMatching(/has not changed/) },
      });
    });

    it('when the document changed meanwhile, the attempt is judged by the values Artemis holds', async () => {
      const attempt = await lostAttempt({ conclusion: false, facialCheck: false });
      const stored = findDocument(sandbox.state, doc.customerId, doc.documentId)!;
      stored.liveness = { ...stored.liveness, conclusion: true };
      bumpUpdatedAt(stored, API_USER);
      const live = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      const [resolved] = await resolveAttempts([attempt], live, { reconciledBy: 'test', db: t.db });
      expect(resolved!.outcome.action).toBe('override.not_applied');
      expect((resolved!.outcome.detail as { basis: string }).basis).toMatch(/other values/);
    });

    it('lists documents whose decision changed in Artemis without an event here', async () => {
      const attempt = await lostAttempt();
      const current = (await artemis.getDocument(doc.customerId, doc.documentId))!;
      await artemis.putLiveness(doc.customerId, doc.documentId, { ...(current.liveness as object), conclusion: true, facialCheck: true });
      await recordAuditEvent(
        { action: 'override.applied', actor: rita, customerId: doc.customerId, documentId: doc.documentId, correlationId: attempt.id, after: { conclusion: true, facialCheck: true } },
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

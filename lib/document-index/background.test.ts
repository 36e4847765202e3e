import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import { TEST_EVIDENCE_SIGNING_KEY } from '@/testing/evidence-key';

const dir = mkdtempSync(path.join(tmpdir(), 'lrc-bg-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // This file runs in its own worker: configure it before lib/env first parses process.env.
  Object.assign(process.env, {
    DATA_DIR: dir,
    ARTEMIS_API_URL: sandbox.url,
    ARTEMIS_TOKEN_URL: `${sandbox.url}/oauth/token`,
    ARTEMIS_CLIENT_ID: 'sandbox-client',
    ARTEMIS_CLIENT_SECRET: 'sandbox-secret',
    ARTEMIS_DOMAIN_ID: '4242',
    AUTH_SECRET: 'background-test-secret-0123456789abcdef',
    EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    LOG_LEVEL: 'silent',
  });
  delete process.env.DATABASE_URL;
});

afterAll(async () => {
  const { closeDb } = await import('@/lib/db');
  await closeDb();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const requested = (pathPart: string) => sandbox.state.requests.filter((r) => r.path.includes(pathPart)).length;

describe('background sync', () => {
  it('a burst of callbacks for one customer costs at most two re-reads', async () => {
    const { resyncCustomer } = await import('./background');
    await Promise.all([1, 2, 3, 4, 5].map(() => resyncCustomer(1003)));
    expect(requested('/api/customer/1003/document')).toBe(2);
    const { getDb } = await import('@/lib/db');
    const rows = await (await getDb()).selectFrom('document_index').select('document_id').execute();
    expect(rows.map((r) => Number(r.document_id))).toEqual([5005]);
  });

  it('full syncs started while one runs join it', async () => {
    const { runIndexSync } = await import('./background');
    const before = requested('page=0&');
    const a = runIndexSync('test a');
    const b = runIndexSync('test b');
    expect(a).toBe(b);
    await a;
    expect(requested('page=0&') - before).toBe(1);
    const { getDb } = await import('@/lib/db');
    expect(await (await getDb()).selectFrom('document_index').select('document_id').execute()).toHaveLength(45);
  });

  it('each turn settles override attempts still without an outcome, from what Artemis holds (start-up wires it in)', async () => {
    const { wireConsole } = await import('@/lib/wiring');
    wireConsole();
    const { runIndexSync } = await import('./background');
    const { recordAuditEvent, listDocumentHistory } = await import('@/lib/audit/trail');
    const { findDocument } = await import('@/sandbox/state');
    const { getDb } = await import('@/lib/db');
    const db = await getDb();
    const stored = findDocument(sandbox.state, 1003, 5005)!;
    const attempt = await recordAuditEvent(
      {
        action: 'override.attempted',
        actor: { id: 'u-r', email: 'rita@example.test', role: 'reviewer' },
        customerId: 1003,
        documentId: 5005,
        after: { conclusion: true, facialCheck: true },
        detail: { seenUpdatedAt: 'before the PUT' },
      },
      db,
    );
    await recordAuditEvent(
      {
        action: 'override.outcome_unknown',
        actor: { id: 'u-r', email: 'rita@example.test', role: 'reviewer' },
        customerId: 1003,
        documentId: 5005,
        correlationId: attempt.id,
        upstreamStatus: 504,
      },
      db,
    );
    // Artemis had written it behind the 504.
    stored.liveness = { ...stored.liveness, conclusion: true, facialCheck: true };
    await runIndexSync('test settle');
    const history = await listDocumentHistory(1003, 5005, db);
    expect(history[0]).toMatchObject({ action: 'override.applied', correlationId: attempt.id, detail: { reconciled: true } });
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDocumentHistory, recordAuditEvent } from '@/lib/audit/trail';
import { createDatabase } from '@/lib/db';
import { releaseDocumentLock, tryLockDocument } from '@/lib/overrides/decision-lock';
import { API_USER, bumpUpdatedAt, findDocument } from '@/sandbox/state';
import { SEED_CASES, startSandbox, type Sandbox } from '@/sandbox/server';
import { TEST_EVIDENCE_SIGNING_KEY } from '@/testing/evidence-key';

const root = path.resolve(import.meta.dirname, '..');
const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo', log: () => undefined });
  dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-reconcile-'));
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function reconcileCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ARTEMIS_API_URL: sandbox.url,
    ARTEMIS_TOKEN_URL: `${sandbox.url}/oauth/token`,
    ARTEMIS_CLIENT_ID: 'sandbox-client',
    ARTEMIS_CLIENT_SECRET: 'sandbox-secret',
    ARTEMIS_DOMAIN_ID: '4242',
    AUTH_SECRET: 'x'.repeat(32),
    EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    LOG_LEVEL: 'silent',
  };
  return new Promise((resolve) => {
    execFile('npx', ['tsx', '--conditions=react-server', 'scripts/audit-reconcile.ts', ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run audit:reconcile', { timeout: 120_000 }, () => {
  it('settles a lost attempt, then reports a decision changed behind the trail’s back', async () => {
    const { customerId, documentId } = SEED_CASES.lowConfidence;
    const db = await createDatabase({ sqlitePath: path.join(dataDir, 'console.db') });
    try {
      const attempt = await recordAuditEvent(
        {
          action: 'override.attempted',
          actor: rita,
          customerId,
          documentId,
          after: { conclusion: true, facialCheck: true },
          detail: { seenUpdatedAt: 'then' },
        },
        db,
      );
      // The PUT landed; the process died before writing the outcome.
      const stored = findDocument(sandbox.state, customerId, documentId)!;
      stored.liveness = { ...stored.liveness, conclusion: true, facialCheck: true };
      bumpUpdatedAt(stored, API_USER);

      // While the document's decision lock is held, a PUT may still be running: nothing is settled.
      const running = await tryLockDocument(db, { customerId, documentId }, { lifetimeMs: 60_000 });
      const busy = await reconcileCli([]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`UNSETTLED attempt #${attempt.seq}`);
      if (running.acquired) await releaseDocumentLock(db, { customerId, documentId }, running.lock.holder);

      const young = await reconcileCli(['--min-age-seconds', '3600']);
      expect(young.stdout).toContain('No override attempt is without an outcome.');

      const first = await reconcileCli([]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(new RegExp(`Settled attempt #${attempt.seq} on ${customerId}/${documentId} by rita@example.test: override.applied`));
      expect((await listDocumentHistory(customerId, documentId, db))[0]).toMatchObject({ action: 'override.applied', correlationId: attempt.id });

      stored.liveness = { ...stored.liveness, conclusion: false };
      bumpUpdatedAt(stored, API_USER);
      const second = await reconcileCli([]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`DRIFT ${customerId}/${documentId}: Artemis holds conclusion Fail, facial check Pass`);
    } finally {
      await db.destroy();
    }
  });
});

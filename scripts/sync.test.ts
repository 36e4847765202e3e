import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TEST_EVIDENCE_SIGNING_KEY } from '@/testing/evidence-key';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-sync-cli-'));
let sandbox: Sandbox;

type Result = { code: number; stdout: string; stderr: string };

/** Runs `npm run sync` against a sandbox of its own, as a real tenant (not demo mode). */
function sync(args: string[]): Promise<Result> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ARTEMIS_API_URL: sandbox.url,
    ARTEMIS_TOKEN_URL: `${sandbox.url}/oauth/token`,
    ARTEMIS_CLIENT_ID: 'sandbox-client',
    ARTEMIS_CLIENT_SECRET: 'sandbox-secret',
    ARTEMIS_DOMAIN_ID: '4242',
    AUTH_SECRET: 'sync-cli-test-secret-0123456789abcdef',
    EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    LOG_LEVEL: 'silent',
  };
  return new Promise((resolve) => {
    execFile('npx', ['tsx', '--conditions=react-server', 'scripts/sync.ts', ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scripts/sync.ts', { timeout: 120_000 }, () => {
  it('fills the index, reports progress per page off a terminal, and re-reads one customer', async () => {
    const full = await sync(['--page-size', '10', '--concurrency', '2']);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/^Sync done: 30 customers, 45 documents, 0 unreadable, 0 stale rows removed/);
    expect(full.stderr.trim().split('\n')).toEqual([
      'page 1/3 · customers 10/30 · documents 13',
      expect.stringMatching(/^page 2\/3 · customers 20\/30/),
      'page 3/3 · customers 30/30 · documents 45',
    ]);
    const one = await sync(['--customer', '1003']);
    expect(one).toMatchObject({ code: 0, stdout: 'Customer 1003: 1 documents indexed.\n' });
  });

  it('exits 1 with a resume hint when Artemis fails, and resumes on the next run', async () => {
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 500, count: 50, pathContains: 'page=1&' }),
    });
    const failed = await sync(['--restart', '--page-size', '10']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Run it again to resume');
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    const resumed = await sync(['--page-size', '10']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('(resumed at page 2)');
  });

  it('goes on past a document it cannot read, and says so', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${sandbox.url}/__sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    await control('/customers/1003/documents/5005/patch', { updatedAt: 'not a date' });
    try {
      const full = await sync(['--restart', '--page-size', '10']);
      expect(full.code).toBe(0);
      expect(full.stdout).toMatch(
        /^Sync done: 30 customers, 44 documents, 1 unreadable record skipped \(1 document; their index rows are kept, the log says which\), 0 stale rows removed/,
      );
      expect(full.stderr).toContain('page 1/3 · customers 10/30 · documents 12 · unreadable 1');
      const one = await sync(['--customer', '1003']);
      expect(one.stdout).toBe('Customer 1003: 0 documents indexed, 1 unreadable record skipped (1 document; their index rows are kept, the log says which).\n');
    } finally {
      await control('/reset');
    }
  });

  it('refuses bad flags with exit 2', async () => {
    expect((await sync(['--concurrency', '0'])).code).toBe(2);
    expect((await sync(['--bogus'])).code).toBe(2);
  });
});

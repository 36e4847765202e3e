import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_EVIDENCE_SIGNING_KEY } from '@/testing/evidence-key';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-cli-'));

type Result = { code: number; stdout: string; stderr: string };

/** Runs a CLI the way `npm run users` / `npm run audit:verify` do, against a temp DATA_DIR. */
function cli(script: 'users' | 'audit-verify', args: string[], env: Record<string, string> = {}): Promise<Result> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NEW_USER_PASSWORD: '', ...env };
  if (!('ARTEMIS_API_URL' in env)) delete childEnv.ARTEMIS_API_URL;
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['tsx', '--conditions=react-server', `scripts/${script}.ts`, ...args],
      { cwd: root, env: childEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(); // not a terminal: no password prompt
  });
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scripts/users.ts and scripts/audit-verify.ts', { timeout: 120_000 }, () => {
  it('adds a user from NEW_USER_PASSWORD, then lists it', async () => {
    const add = await cli('users', ['add', 'X@Y.Z', '--role', 'reviewer', '--name', 'Xavier Yu'], {
      NEW_USER_PASSWORD: 'a-long-enough-password',
    });
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toContain('Created reviewer x@y.z (Xavier Yu)');

    const list = await cli('users', ['list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+CREATED$/);
    expect(lines[1]).toMatch(/^x@y\.z\s+Xavier Yu\s+reviewer\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\dZ$/);
  });

  it('outside demo mode, refuses to create or enable a demo account, with the reason', async () => {
    // A database of its own: the trail of the other tests stays as they expect it.
    const own = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lrc-cli-demo-')) };
    const password = { ...own, NEW_USER_PASSWORD: 'a-long-enough-password' };
    expect((await cli('users', ['add', 'admin@demo.test', '--role', 'admin'], password)).code).toBe(0);
    const real = {
      ...own,
      ARTEMIS_API_URL: 'https://artemis.example.test',
      ARTEMIS_TOKEN_URL: 'https://artemis.example.test/oauth/token',
      ARTEMIS_CLIENT_ID: 'client',
      ARTEMIS_CLIENT_SECRET: 'secret',
      ARTEMIS_DOMAIN_ID: '1',
      AUTH_SECRET: 'x'.repeat(32),
      EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    };
    // Start-up (and every users command) disables it first; enabling it again is refused.
    const enable = await cli('users', ['enable', 'admin@demo.test'], real);
    expect(enable.code).toBe(1);
    expect(enable.stderr).toContain('Demo accounts disabled (ARTEMIS_API_URL is set): admin@demo.test');
    expect(enable.stderr).toContain('admin@demo.test is a demo account: its password is published in the README');
    const add = await cli('users', ['add', 'reviewer@demo.test', '--role', 'reviewer'], { ...real, ...password });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('reviewer@demo.test is a demo account');
    const list = await cli('users', ['list'], real);
    expect(list.stdout).toMatch(/admin@demo\.test\s+\S*\s*admin\s+disabled/);
    expect(list.stdout).not.toContain('reviewer@demo.test');
    rmSync(own.DATA_DIR, { recursive: true, force: true });
  });

  it('refuses a duplicate, an unknown email, a bad role and a missing password with clear one-line errors', async () => {
    const dup = await cli('users', ['add', 'x@y.z', '--role', 'admin'], { NEW_USER_PASSWORD: 'a-long-enough-password' });
    expect(dup).toMatchObject({ code: 1, stderr: 'A user with email x@y.z already exists\n' });

    const unknown = await cli('users', ['disable', 'nobody@y.z']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'No user with email nobody@y.z\n' });

    const badRole = await cli('users', ['set-role', 'x@y.z', 'overlord']);
    expect(badRole).toMatchObject({ code: 2, stderr: 'Unknown role "overlord": use one of reviewer, auditor, admin\n' });

    const noPassword = await cli('users', ['add', 'new@y.z', '--role', 'auditor']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/^No password given: set NEW_USER_PASSWORD/);

    const usage = await cli('users', ['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
  });

  it('disables, changes the role, resets the password; every change is in a verified trail', async () => {
    expect((await cli('users', ['disable', 'x@y.z'])).code).toBe(0);
    expect((await cli('users', ['set-role', 'x@y.z', 'auditor'])).code).toBe(0);
    expect((await cli('users', ['reset-password', 'x@y.z'], { NEW_USER_PASSWORD: 'another-long-password' })).code).toBe(0);
    const list = await cli('users', ['list']);
    expect(list.stdout).toMatch(/x@y\.z\s+Xavier Yu\s+auditor\s+disabled/);

    const db = new Database(path.join(dataDir, 'console.db'), { readonly: true });
    try {
      const rows = db.prepare('select action, actor_email from audit_events order by seq').all() as { action: string; actor_email: string }[];
      expect(rows.map((r) => r.action)).toEqual(['user.created', 'user.disabled', 'user.role_changed', 'user.password_reset']);
      for (const r of rows) expect(r.actor_email).toMatch(/^cli:/);
    } finally {
      db.close();
    }

    const ok = await cli('audit-verify', []);
    expect(ok).toMatchObject({ code: 0, stdout: 'Audit trail OK: 4 events\n' });
  });

  it('audit-verify exits 1 naming the first altered event', async () => {
    const db = new Database(path.join(dataDir, 'console.db'));
    let target: { seq: number; id: string };
    try {
      // An attacker with file access: remove the guard, then edit history.
      db.exec('drop trigger audit_events_no_update');
      target = db.prepare('select seq, id from audit_events order by seq limit 1 offset 1').get() as { seq: number; id: string };
      db.prepare("update audit_events set actor_email = 'someone-else' where seq = ?").run(target.seq);
    } finally {
      db.close();
    }
    const broken = await cli('audit-verify', []);
    expect(broken.code).toBe(1);
    expect(broken.stderr.split('\n')[0]).toBe(
      `Audit trail BROKEN at event #${target.seq} (${target.id}): its content does not match its hash (the event was altered)`,
    );
  });
});

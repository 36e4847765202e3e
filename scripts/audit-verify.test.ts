import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAuditEvent, type AuditEvent } from '@/lib/audit/trail';
import { createDatabase } from '@/lib/db';

const root = path.resolve(import.meta.dirname, '..');

type Result = { code: number; stdout: string; stderr: string };

/** `npm run audit:verify` as an operator runs it, against a temp DATA_DIR. */
function verifyCli(dataDir: string): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  delete env.ARTEMIS_API_URL;
  return new Promise((resolve) => {
    execFile('npx', ['tsx', '--conditions=react-server', 'scripts/audit-verify.ts'], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** Someone with the database file and a SQLite shell: triggers first, then the rows. */
function tamper(file: string, statements: string[]) {
  const raw = new SQLite(file);
  try {
    raw.exec('drop trigger if exists audit_events_no_update; drop trigger if exists audit_events_no_delete;');
    for (const s of statements) raw.exec(s);
  } finally {
    raw.close();
  }
}

describe('npm run audit:verify detects tampering done behind the app’s back (SQLite)', { timeout: 120_000 }, () => {
  let dataDir: string;
  let file: string;
  let events: AuditEvent[];

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-verify-'));
    file = path.join(dataDir, 'console.db');
    const db = await createDatabase({ sqlitePath: file });
    events = [];
    try {
      for (let i = 0; i < 5; i++) {
        events.push(
          await recordAuditEvent(
            {
              action: i % 2 ? 'override.applied' : 'override.attempted',
              actor: { id: 'u-1', email: 'rita@example.test', role: 'reviewer' },
              customerId: 1,
              documentId: 10 + i,
              before: { conclusion: false, facialCheck: false },
              after: { conclusion: true, facialCheck: true },
              reasonCode: 'FALSE_REJECT',
              reasonText: `reason ${i}`,
            },
            db,
          ),
        );
      }
    } finally {
      await db.destroy();
    }
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const brokenLine = (e: AuditEvent) => `Audit trail BROKEN at event #${e.seq} (${e.id})`;

  it('an intact trail exits 0', async () => {
    const r = await verifyCli(dataDir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Audit trail OK: 5 events');
  });

  it('an edited event exits 1 naming it', async () => {
    tamper(file, [`update audit_events set reason_text = 'Nothing to see' where seq = ${events[2]!.seq}`]);
    const r = await verifyCli(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(brokenLine(events[2]!));
    expect(r.stderr).toContain('altered');
  });

  it('a deleted event exits 1 naming the event after the gap', async () => {
    tamper(file, [`delete from audit_events where seq = ${events[1]!.seq}`]);
    const r = await verifyCli(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(brokenLine(events[2]!));
    expect(r.stderr).toContain('deleted, inserted or reordered');
  });

  it('reordered events exit 1 naming the first one out of place', async () => {
    const [a, b] = [events[1]!.seq, events[3]!.seq];
    tamper(file, [
      `update audit_events set seq = -1 where seq = ${a}`,
      `update audit_events set seq = ${a} where seq = ${b}`,
      `update audit_events set seq = ${b} where seq = -1`,
    ]);
    const r = await verifyCli(dataDir);
    expect(r.code).toBe(1);
    // events[3] now sits where events[1] was.
    expect(r.stderr).toContain(`Audit trail BROKEN at event #${a} (${events[3]!.id})`);
  });

  it('removing the newest events is caught by the chain head', async () => {
    tamper(file, [`delete from audit_events where seq >= ${events[3]!.seq}`]);
    const r = await verifyCli(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(brokenLine(events[4]!));
    expect(r.stderr).toContain('newest events are missing');
  });

  it('the chain head itself refuses to move backwards while its triggers stand', () => {
    expect(() => tamper(file, ['update audit_chain_head set event_count = 3'])).toThrow(/only moves forward/);
    expect(() => tamper(file, ['delete from audit_chain_head'])).toThrow(/only moves forward/);
  });
});

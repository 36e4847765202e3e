// SPEC §13 / issue budget: recording a view adds at most 2 ms of server CPU to the review screen.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { record } from './support';

const BUDGET_MS = 2;

/** Server CPU per view put on the record, and per view coalesced, on SQLite and (when given) PostgreSQL. */
export async function evidenceViewFigures(baseEnv: NodeJS.ProcessEnv, postgresUrl: string | undefined): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-bench-views-'));
  try {
    const databases: [string, Record<string, string>][] = [['SQLite', { DATA_DIR: dataDir }]];
    if (postgresUrl) databases.push(['PostgreSQL', { DATABASE_URL: postgresUrl }]);
    for (const [name, database] of databases) {
      const env: NodeJS.ProcessEnv = { ...baseEnv, ...database, EVIDENCE_DOCUMENTS_PER_10_MINUTES: '10000' };
      if (env.DATABASE_URL) execFileSync('npx', ['tsx', 'scripts/db-reset.ts'], { env, stdio: 'pipe' });
      const { stdout } = await promisify(execFile)('npx', ['tsx', '--conditions=react-server', 'scripts/bench/evidence-views-worker.ts'], { env });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { recordedMs: number; recorded: number; coalescedMs: number; coalesced: number };
      if (result.recorded === 0 || result.coalesced === 0)
        throw new Error(`the view bench recorded ${result.recorded} and coalesced ${result.coalesced} views`);
      record({
        name: `server CPU to put a review screen's view on the record (evidence.viewed), ${name}`,
        value: result.recordedMs,
        unit: 'ms',
        budget: `≤ ${BUDGET_MS} ms`,
        met: result.recordedMs <= BUDGET_MS,
      });
      record({ name: `server CPU for a view coalesced into one already recorded, ${name}`, value: result.coalescedMs, unit: 'ms' });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The volume figures of the queue and audit issues, on one database: a full sync of 10,000
// customers / 20,000 documents, a million audit events, then the queue and /audit pages and the
// CSV export of everything, against a production server on that database.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { periodPackFigures } from './evidence-pack';
import { insertSyntheticAuditEvents } from './synthetic-audit';
import { createDatabase } from '@/lib/db';
import { startSandbox } from '../../sandbox/server';
import { addUser, appEnvFor, load, record, residentBytes, signIn, startApp, type AppServer, type BenchUser, type SandboxCredentials } from './support';

export type ScaleDatabase = 'sqlite' | 'postgres';

export type ScaleOptions = {
  database: ScaleDatabase;
  /** Used for `postgres`: a URL whose `search_path` names a schema the benchmark may empty. */
  postgresUrl: string;
  events: number;
  seconds: number;
  port: number;
  /** The app's environment without its Artemis and database settings. */
  baseEnv: NodeJS.ProcessEnv;
  credentials: SandboxCredentials;
  /** Also the period evidence pack of every event (SPEC §16), once the server has stopped. */
  evidencePack?: boolean;
};

const ADMIN: BenchUser = { email: 'bench.admin@example.test', password: 'bench-password-0123', name: 'Bench Admin', role: 'admin' };
const PAGE_BUDGET_MS = 50;
const WHAT_IF_BUDGET_MS = 100;
const EXPORT_GROWTH_BUDGET_MB = 100;

/** Pages measured at scale; the filters are ones a compliance officer would use, served by indexes or not. */
function scalePages(firstEventDay: string, lastEventDay: string): [string, string][] {
  return [
    ['queue, first page', '/'],
    ['queue, filtered (low confidence, high risk)', '/?flag=low-confidence&risk=HIGH'],
    ['queue, recently decided tab', '/?tab=decided'],
    ['audit log, first page', '/audit'],
    ['audit log, filtered (reviewer, applied)', '/audit?actor=reviewer3%40synthetic.test&outcome=applied'],
    ['audit log, filtered (dates, reason code)', `/audit?from=${firstEventDay}&to=${lastEventDay}&reason=SPOOF_SUSPECTED`],
  ];
}

export async function scaleFigures(options: ScaleOptions): Promise<void> {
  const label = options.database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const sandbox = await startSandbox({ port: 0, ...options.credentials, seed: 'scale' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-bench-scale-'));
  const databaseUrl = options.database === 'postgres' ? options.postgresUrl : undefined;
  const env: NodeJS.ProcessEnv = {
    ...appEnvFor(options.baseEnv, sandbox.url, options.credentials, dataDir),
    SYNC_INTERVAL_SECONDS: '0',
    DATABASE_URL: databaseUrl,
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  let app: AppServer | undefined;
  try {
    if (databaseUrl) execFileSync('npx', ['tsx', 'scripts/db-reset.ts'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' });

    // The sync command as an operator runs it, against the scale seed (served by this process:
    // the command must not block it).
    let started = performance.now();
    await promisify(execFile)('npx', ['tsx', '--conditions=react-server', 'scripts/sync.ts', '--restart', '--concurrency', '8'], { env });
    record({ name: `${label}: full sync, 10,000 customers / 20,000 documents`, value: (performance.now() - started) / 1000, unit: 's' });

    const db = await createDatabase(databaseUrl ? { databaseUrl } : { sqlitePath: path.join(dataDir, 'console.db') });
    const firstEvent = new Date(Date.now() - 90 * 86_400_000);
    try {
      process.stdout.write(`${label}: appending ${options.events.toLocaleString('en')} chained audit events…\n`);
      started = performance.now();
      await insertSyntheticAuditEvents(db, options.events, { start: firstEvent });
      // What autovacuum does after a load this size (it is off on some machines): planner
      // statistics, and on PostgreSQL the visibility map that index-only scans need. Without
      // statistics PostgreSQL read the whole table to find an attempt's outcome.
      await (options.database === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
      // And the load written out now rather than by a checkpoint in the middle of the measurements.
      await (options.database === 'postgres' ? sql`checkpoint` : sql`pragma wal_checkpoint(truncate)`).execute(db);
      record({
        name: `${label}: ${options.events.toLocaleString('en')} audit events appended (setup)`,
        value: (performance.now() - started) / 1000,
        unit: 's',
      });
    } finally {
      await db.destroy();
    }

    addUser(env, ADMIN);
    app = await startApp(env, options.port);
    await measureAtScale(app, label, firstEvent, options);
    app.stop();
    app = undefined;
    if (options.evidencePack) await periodPackFigures(env, label);
  } finally {
    app?.stop();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The pages and the export, on a server whose database holds the scale data and the bench admin. */
async function measureAtScale(app: AppServer, label: string, firstEvent: Date, options: Pick<ScaleOptions, 'events' | 'seconds'>): Promise<void> {
  const cookie = await signIn(app.url, ADMIN);
  const day = (offsetDays: number) => new Date(firstEvent.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  for (const [name, pagePath] of scalePages(day(2), day(4))) {
    await load(`${app.url}${pagePath}`, cookie, 1, 1);
    const result = await load(`${app.url}${pagePath}`, cookie, 1, options.seconds);
    record({ name: `${label}: ${name}, p95`, value: result.p95, unit: 'ms', budget: `≤ ${PAGE_BUDGET_MS} ms`, met: result.p95 <= PAGE_BUDGET_MS });
  }
  // The whole what-if request: the page computes the candidate and the thresholds in force over
  // the 20,000-document index and appends its audit event.
  const whatIf = `${app.url}/admin/calibration?pass=85&fail=40`;
  await load(whatIf, cookie, 1, 1);
  const whatIfResult = await load(whatIf, cookie, 1, options.seconds);
  record({
    name: `${label}: threshold what-if, 20,000 documents, p95`,
    value: whatIfResult.p95,
    unit: 'ms',
    budget: `≤ ${WHAT_IF_BUDGET_MS} ms`,
    met: whatIfResult.p95 <= WHAT_IF_BUDGET_MS,
  });
  await exportFigures(app, cookie, label, options.events);
}

/** Streams the CSV export of every event and samples the server's resident memory meanwhile. */
async function exportFigures(app: AppServer, cookie: string, label: string, events: number): Promise<void> {
  const baseline = residentBytes(app.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(app.pid));
  }, 25);
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  try {
    const res = await fetch(`${app.url}/api/audit/export`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`CSV export answered ${res.status}`);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, residentBytes(app.pid));
  const rows = lines - 1;
  record({
    name: `${label}: CSV export, rows (header not counted)`,
    value: rows,
    unit: 'rows',
    budget: `≥ ${events.toLocaleString('en')}`,
    met: rows >= events,
  });
  record({ name: `${label}: CSV export, time`, value: (performance.now() - started) / 1000, unit: 's' });
  record({ name: `${label}: CSV export, size`, value: bytes / 2 ** 20, unit: 'MB' });
  const growth = (peak - baseline) / 2 ** 20;
  record({
    name: `${label}: CSV export, server memory growth`,
    value: growth,
    unit: 'MB',
    budget: `< ${EXPORT_GROWTH_BUDGET_MB} MB`,
    met: growth < EXPORT_GROWTH_BUDGET_MB,
  });
}

/**
 * `npm run bench`: measures the budgets of SPEC §10 and the volume figures of the queue and
 * audit trail in one run, against a production build and the sandbox; prints a table, then the
 * same figures as one JSON object on the last line. It only talks to servers it starts itself
 * on loopback (and, for the PostgreSQL figures, to BENCH_DATABASE_URL).
 *
 *   npm run bench                       everything (about 15 minutes on 2 cores)
 *   npm run bench -- --build            rebuild first even if a build exists
 *   npm run bench -- --no-lighthouse    skip Lighthouse
 *   npm run bench -- --no-scale         skip the volume figures
 *   npm run bench -- --no-review        skip the review-screen figures
 *   npm run bench -- --no-integrity     skip the decision-integrity stress
 *   npm run bench -- --no-evidence-packs skip the evidence-pack figures (also the period export's at volume)
 *   npm run bench -- --databases sqlite the volume figures on these (sqlite,postgres)
 *   npm run bench -- --scale-events N   audit events for the volume figures (1,000,000)
 *   BENCH_SECONDS=5                     length of each load run
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startSandbox } from '../sandbox/server';
import { SEED_CASES } from '../sandbox/seed';
import { documentPackFigures } from './bench/evidence-pack';
import { evidenceViewFigures } from './bench/evidence-views';
import { outboxFigures } from './bench/outbox';
import { integrityFigures } from './bench/integrity';
import { reviewFigures } from './bench/review';
import { scaleFigures, type ScaleDatabase } from './bench/scale';
import { appEnvFor, BENCH_AUTH_SECRET, figures, machine, printHeader, record, speedProbe } from './bench/support';

const CREDENTIALS = { clientId: 'bench-client', clientSecret: 'bench-secret-value', domainId: '9090' };
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3391);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3Dbench';

async function main() {
  const { values } = parseArgs({
    options: {
      build: { type: 'boolean' },
      'no-lighthouse': { type: 'boolean' },
      'no-scale': { type: 'boolean' },
      'no-review': { type: 'boolean' },
      'no-integrity': { type: 'boolean' },
      'no-evidence-packs': { type: 'boolean' },
      databases: { type: 'string' },
      'scale-events': { type: 'string' },
    },
  });
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const events = Number(values['scale-events'] ?? 1_000_000);
  if (!Number.isInteger(events) || events < 1) throw new Error('--scale-events must be a positive whole number');
  const databases = (values.databases ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  if (databases.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error('--databases takes sqlite, postgres or both');

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: BENCH_AUTH_SECRET,
    // Required once the console is pointed at an Artemis (the bench's sandbox) or at PostgreSQL.
    EVIDENCE_SIGNING_KEY: process.env.EVIDENCE_SIGNING_KEY ?? generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete baseEnv.DATABASE_URL;
  if (!existsSync('.next/BUILD_ID') || values.build) {
    console.log('Building…');
    execFileSync('npx', ['next', 'build'], { stdio: 'inherit', env: baseEnv });
  }

  printHeader('Machine');
  record({ name: 'speed probe at the start (fixed CPU work; lower is faster)', value: speedProbe(), unit: 'ms' });

  if (!values['no-review']) {
    await reviewScreen(baseEnv, seconds, !values['no-lighthouse']);
    printHeader('Views on the record (SPEC §13)');
    await evidenceViewFigures(baseEnv, (await reachable(POSTGRES_URL)) ? viewsDatabaseUrl(POSTGRES_URL) : undefined);
    printHeader('The outbox (SPEC §15)');
    await outboxFigures(baseEnv, (await reachable(POSTGRES_URL)) ? schemaUrl(POSTGRES_URL, 'outbox') : undefined);
  }

  if (!values['no-evidence-packs']) {
    printHeader('Evidence packs (SPEC §16); the period export of 1 M events is under Volume');
    await documentPackFigures(baseEnv, (await reachable(POSTGRES_URL)) ? schemaUrl(POSTGRES_URL, 'evidence') : undefined, CREDENTIALS);
  }

  if (!values['no-integrity']) {
    const postgres = (await reachable(POSTGRES_URL)) ? integrityDatabaseUrl(POSTGRES_URL) : undefined;
    printHeader(`Decision integrity under stress (SPEC §10), two instances on ${postgres ? 'PostgreSQL' : 'SQLite (PostgreSQL unreachable)'}`);
    await integrityFigures({ baseEnv, postgresUrl: postgres, ports: [APP_PORT + 2, APP_PORT + 3], credentials: CREDENTIALS });
  }

  if (!values['no-scale']) {
    for (const database of databases as ScaleDatabase[]) {
      printHeader(`Volume: ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
      if (database === 'postgres' && !(await reachable(POSTGRES_URL))) {
        console.log(`PostgreSQL is not reachable at ${new URL(POSTGRES_URL).host}: its volume figures are not measured`);
        record({ name: 'PostgreSQL volume figures (not measured: database unreachable)', value: Number.NaN, unit: '', budget: 'measured', met: false });
        continue;
      }
      await scaleFigures({
        database,
        postgresUrl: POSTGRES_URL,
        events,
        seconds,
        port: APP_PORT + 1,
        baseEnv,
        credentials: CREDENTIALS,
        evidencePack: !values['no-evidence-packs'],
      });
    }
  }

  printHeader('Machine');
  record({ name: 'speed probe at the end', value: speedProbe(), unit: 'ms' });

  const budgets = figures.filter((f) => f.met !== undefined);
  console.log(`\n${budgets.filter((f) => f.met).length} of ${budgets.length} budgets met.`);
  console.log(JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), figures }));
}

/** The review screen on the demo seed, SQLite. */
async function reviewScreen(baseEnv: NodeJS.ProcessEnv, seconds: number, withLighthouse: boolean) {
  const sandbox = await startSandbox({ port: 0, ...CREDENTIALS, seed: 'demo' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-bench-'));
  try {
    const env = appEnvFor(baseEnv, sandbox.url, CREDENTIALS, dataDir);
    printHeader('Review screen (SPEC §10), demo seed, SQLite');
    const { customerId, documentId } = SEED_CASES.unknownKeys;
    await reviewFigures({
      env,
      port: APP_PORT,
      sandbox,
      seconds,
      trivialPath: '/status',
      floorPath: '/about',
      reviewPath: `/customers/${customerId}/documents/${documentId}`,
      queuePath: '/',
      lighthouse: withLighthouse,
    });
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The benchmark's PostgreSQL URL with a schema of its own: `bench_<name>`. */
function schemaUrl(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=bench_${name}`);
  return url.toString();
}
const integrityDatabaseUrl = (databaseUrl: string) => schemaUrl(databaseUrl, 'integrity');
const viewsDatabaseUrl = (databaseUrl: string) => schemaUrl(databaseUrl, 'views');

async function reachable(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  url.searchParams.delete('options');
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

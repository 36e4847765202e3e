// SPEC §10 / §16: an evidence pack for a document with 50 events and 5 images, p95 ≤ 1 s; the
// period export of 1 M events grows memory by at most 100 MB. Both in a worker process
// (scripts/bench/evidence-pack-worker.ts) that calls the pack builders as the routes do.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandbox } from '../../sandbox/server';
import type { DocumentPackResult, PeriodPackResult } from './evidence-pack-worker';
import { onEachDatabase, record, type SandboxCredentials } from './support';

const WORKER = 'scripts/bench/evidence-pack-worker.ts';
const DOCUMENT_BUDGET_MS = 1000;
const PERIOD_GROWTH_BUDGET_MB = 100;

/**
 * One document's pack, built 30 times after a warm-up, on SQLite and (when given) PostgreSQL,
 * with the demo seed's sandbox as Artemis: each build reads the customer, the document and its
 * images from it.
 */
export async function documentPackFigures(baseEnv: NodeJS.ProcessEnv, postgresUrl: string | undefined, credentials: SandboxCredentials): Promise<void> {
  const sandbox = await startSandbox({ port: 0, ...credentials, seed: 'demo' });
  try {
    const results = await onEachDatabase<DocumentPackResult>(baseEnv, postgresUrl, WORKER, {
      BENCH_EVIDENCE_PACK: 'document',
      ARTEMIS_API_URL: sandbox.url,
      ARTEMIS_TOKEN_URL: `${sandbox.url}/oauth/token`,
      ARTEMIS_CLIENT_ID: credentials.clientId,
      ARTEMIS_CLIENT_SECRET: credentials.clientSecret,
      ARTEMIS_DOMAIN_ID: credentials.domainId,
    });
    for (const [name, result] of results) {
      record({
        name: `document pack, ${result.events} events, ${result.images} images, p95, ${name}`,
        value: result.p95Ms,
        unit: 'ms',
        budget: `≤ ${DOCUMENT_BUDGET_MS} ms`,
        met: result.p95Ms <= DOCUMENT_BUDGET_MS,
      });
      record({ name: `document pack, median, ${name}`, value: result.medianMs, unit: 'ms' });
      record({ name: `of which Artemis's customer + document reads, median, ${name}`, value: result.readsMedianMs, unit: 'ms' });
      record({ name: `document pack, size, ${name}`, value: result.zipBytes / 1024, unit: 'kB' });
    }
  } finally {
    await sandbox.close();
  }
}

/**
 * The period pack of every event of the trail `env`'s database holds (the volume figures'
 * million), streamed in a fresh process to a sink that only counts bytes: the growth of that
 * process's peak resident memory over what it was just before (the budget), then the same export
 * again in that process, as a server that has exported before would run it (information).
 */
export async function periodPackFigures(env: NodeJS.ProcessEnv, label: string): Promise<void> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', '--conditions=react-server', WORKER], { env: { ...env, BENCH_EVIDENCE_PACK: 'period' } });
  const { events, cold, warm } = JSON.parse(stdout.trim().split('\n').at(-1)!) as PeriodPackResult;
  for (const run of [cold, warm]) if (!run.wellFormed) throw new Error(`the period evidence pack (${run.zipBytes} bytes) does not end as a ZIP does`);
  const what = `${label}: period evidence pack`;
  record({ name: `${what}, ${events.toLocaleString('en')} events, time`, value: cold.seconds, unit: 's' });
  record({ name: `${what}, events a second`, value: events / cold.seconds, unit: 'ev/s' });
  record({ name: `${what}, size`, value: cold.zipBytes / 2 ** 20, unit: 'MB' });
  const growth = cold.peakRssMb - cold.baselineRssMb;
  record({
    name: `${what}, memory growth, fresh process`,
    value: growth,
    unit: 'MB',
    budget: `≤ ${PERIOD_GROWTH_BUDGET_MB} MB`,
    met: growth <= PERIOD_GROWTH_BUDGET_MB,
  });
  record({ name: `${what}, of which JS heap (peak)`, value: cold.peakHeapMb - cold.baselineHeapMb, unit: 'MB' });
  record({ name: `${what}, memory growth, second export`, value: warm.peakRssMb - warm.baselineRssMb, unit: 'MB' });
}

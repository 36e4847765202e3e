import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { SEED_CASES } from '../sandbox/seed';
import { E2E } from './config';
import { prepareStandalone, startBalancer, startStandalone, startTcpRelay, waitForStatus, type LogLine, type Standalone } from './fleet-support';
import { reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

// Two standalone servers of this build (started as the image starts them) on one PostgreSQL
// database, behind a load balancer the test steers, with the database reached through a relay
// the test can cut. Serial: the tests share the fleet, and the last one stops an instance.
test.describe.configure({ mode: 'serial' });

const [portA, portB] = E2E.fleet.ports;
const user = E2E.users.reviewer;
const second = E2E.users.reviewer2;
const direct = new URL(E2E.fleet.databaseUrl);
let relay: Awaited<ReturnType<typeof startTcpRelay>>;
let balancer: Awaited<ReturnType<typeof startBalancer>>;
let servers: Standalone[] = [];

function fleetEnv(): Record<string, string> {
  const viaRelay = new URL(direct);
  viaRelay.host = `127.0.0.1:${relay.port}`;
  // Not the suite's own data folder or database: this fleet has its own.
  const appEnv = Object.fromEntries(Object.entries(E2E.appEnv).filter(([name]) => name !== 'DATA_DIR' && name !== 'DATABASE_URL'));
  return {
    ...appEnv,
    DATABASE_URL: viaRelay.toString(),
    SYNC_INTERVAL_SECONDS: '2',
    // Long enough turns that the two instances' intervals meet.
    SYNC_DELAY_MS: '40',
    METRICS_TOKEN: E2E.fleet.metricsToken,
    NEXT_MANUAL_SIG_HANDLE: 'true',
    SHUTDOWN_GRACE_SECONDS: '20',
    TRUSTED_PROXY_HOPS: '1',
    LOG_LEVEL: 'info',
  };
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: direct.toString() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // CI always has PostgreSQL (.ci/run checks it): there an unreachable one fails the suite.
  const reachable = await query('select 1').then(
    () => true,
    () => false,
  );
  test.skip(!reachable && !process.env.CI, `PostgreSQL at ${direct.host} is not reachable: the fleet suite runs on PostgreSQL only`);
  const dir = prepareStandalone();
  await sandbox.reset();
  const cli = { ...process.env, ...E2E.appEnv, DATABASE_URL: direct.toString() };
  // Async: a blocked event loop would keep HTTP keep-alive sockets that the sandbox has closed.
  const run = promisify(execFile);
  await run('npx', ['tsx', 'scripts/db-reset.ts'], { env: cli });
  for (const account of [user, second]) {
    await run('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', account.email, '--role', account.role, '--name', account.name], {
      env: { ...cli, NEW_USER_PASSWORD: account.password },
    });
  }
  relay = await startTcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
  balancer = await startBalancer([portA, portB]);
  servers = [startStandalone(dir, portA, fleetEnv()), startStandalone(dir, portB, fleetEnv())];
  await Promise.all([portA, portB].map((port) => waitForStatus(`http://127.0.0.1:${port}/api/ready`, 200)));
});

test.afterAll(async () => {
  for (const server of servers) if (server.process.exitCode === null) server.process.kill('SIGKILL');
  await balancer?.close();
  await relay?.cut();
  await sandbox.clearFaults();
  await sandbox.reset();
});

async function signIn(page: Page, origin = balancer.url, account: { email: string; password: string } = user) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
}

async function fillOverride(page: Page, reason: string, verdict: 'Pass' | 'Fail' = 'Fail') {
  const form = page.getByRole('form', { name: 'Override' });
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: verdict }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: verdict }).check();
  await form.getByLabel('Reason code').selectOption('SPOOF_SUSPECTED');
  await form.getByLabel('Reason', { exact: true }).fill(reason);
  return form;
}

const metricsOf = (port: number, token?: string) =>
  fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

test('a session and a form from one instance are accepted by the other', async ({ page }) => {
  balancer.route(portA);
  await signIn(page);
  balancer.route(portB);
  await page.goto(`${balancer.url}/customers`);
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  balancer.route(portA);
  await page.goto(`${balancer.url}${reviewUrl(SEED_CASES.eyesClosed)}`);
  const form = await fillOverride(page, 'Printed photo held to the camera, edges visible.');
  balancer.route(portB);
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  expect(balancer.served.filter((r) => r.method === 'POST' && r.path.startsWith('/customers/')).map((r) => r.port)).toEqual([portB]);

  // The decision is counted by the instance that made it; without the token there is nothing.
  expect((await metricsOf(portB)).status).toBe(401);
  const exposition = await (await metricsOf(portB, E2E.fleet.metricsToken)).text();
  expect(exposition).toMatch(/^lrc_decisions_total\{outcome="applied"\} 1$/m);
  expect(exposition).toMatch(/^lrc_queue_documents\{tab="queue"\} \d+$/m);
  expect(exposition).toMatch(/^lrc_sync_last_success_timestamp_seconds \d+(\.\d+)?$/m);
  expect(exposition).toMatch(/^lrc_artemis_requests_total\{operation="updateLivenessResult",outcome="2xx"\} 1$/m);
  expect(exposition).toContain('lrc_process_resident_memory_bytes');
});

test('with both instances syncing every 2 s, no two syncs overlap', async () => {
  test.setTimeout(60_000);
  const leaseLines = () => servers.flatMap((s) => s.lines.filter((l) => l.component === 'sync-lease'));
  await expect.poll(() => leaseLines().filter((l) => l.msg === 'sync lease taken').length, { timeout: 45_000 }).toBeGreaterThanOrEqual(6);
  const turns = new Map<string, { pid: number; from: number; to?: number }>();
  for (const line of leaseLines()) {
    const holder = String(line.holder ?? '');
    if (line.msg === 'sync lease taken') turns.set(holder, { pid: line.pid, from: line.time });
    if (line.msg === 'sync lease given back') turns.get(holder)!.to = line.time;
  }
  const done = [...turns.values()].filter((t) => t.to !== undefined).sort((a, b) => a.from - b.from);
  for (let i = 1; i < done.length; i++) expect(done[i]!.from, 'a sync started before the previous one ended').toBeGreaterThanOrEqual(done[i - 1]!.to!);
  // Both instances tried their turns, and turns were skipped while the lease was held.
  for (const server of servers) expect(server.lines.some((l: LogLine) => l.component === 'sync-lease')).toBe(true);
  expect(leaseLines().filter((l) => l.msg.startsWith('sync skipped')).length).toBeGreaterThan(0);
});

test('/api/ready goes unready while the database cannot be reached, and ready again after', async () => {
  test.setTimeout(60_000);
  const health = await fetch(`http://127.0.0.1:${portA}/api/health`);
  expect(health.status).toBe(200);
  expect(health.headers.get('cache-control')).toBe('no-store');
  const ready = await fetch(`http://127.0.0.1:${portA}/api/ready`);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', artemis: 'ok' } });

  await relay.cut();
  await waitForStatus(`http://127.0.0.1:${portA}/api/ready`, 503, 20_000);
  const unready = await fetch(`http://127.0.0.1:${portB}/api/ready`);
  expect(unready.status).toBe(503);
  // Which check fails, never why: no host, address or error text.
  expect(await unready.json()).toEqual({ status: 'unready', checks: { database: 'failing', artemis: 'ok' } });
  expect((await fetch(`http://127.0.0.1:${portB}/api/health`)).status).toBe(200);

  await relay.restore();
  await Promise.all([portA, portB].map((port) => waitForStatus(`http://127.0.0.1:${port}/api/ready`, 200, 30_000)));
});

test('a read-ahead held on one instance never settles an attempt made on the other', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const direct = (port: number) => `http://localhost:${port}`;
  // Sam, on instance B, opens a document; his screen reads the next one (D) ahead.
  const samContext = await browser.newContext();
  const sam = await samContext.newPage();
  try {
    await signIn(sam, direct(portB), second);
    await sandbox.clearRequests();
    const readAhead = sam.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/queue/next');
    await sam.getByTestId('queue-row').first().getByRole('link').click();
    await expect(sam.getByRole('form', { name: 'Override' })).toBeVisible();
    expect((await readAhead).status()).toBe(204);
    const opened = new URL(sam.url()).pathname;
    const documentReads = (await sandbox.requests()).map((r) => (r.method === 'GET' ? /^\/api\/customer\/(\d+)\/document\/(\d+)$/.exec(r.path) : null));
    const read = documentReads.find((m) => m !== null && reviewUrl({ customerId: Number(m[1]), documentId: Number(m[2]) }) !== opened)!;
    const d = { customerId: Number(read[1]), documentId: Number(read[2]) };
    const held = (await sandbox.document(d.customerId, d.documentId)).liveness;
    const aheadPass = held.conclusion === true && held.facialCheck === true;

    // Behind the console's back Artemis changes D; Rita, on instance A, sets it back to what
    // Sam's copy shows, and Artemis answers 504 without writing: the outcome is unknown.
    await sandbox.touch(d.customerId, d.documentId, { mergeLiveness: { conclusion: !aheadPass, facialCheck: !aheadPass } });
    await signIn(page, direct(portA));
    await page.goto(`${direct(portA)}${reviewUrl(d)}`);
    const form = await fillOverride(page, 'Checked every frame against the document photo.', aheadPass ? 'Pass' : 'Fail');
    await sandbox.fault({ method: 'PUT', pathContains: `/document/${d.documentId}/liveness`, status: 504, count: 1 });
    await form.getByRole('button', { name: 'Save override' }).click();
    await expect(page.getByText(/may or may not have applied it/)).toBeVisible();

    // Within the settling window Sam opens D on instance B, from his read-ahead.
    await sam.goto(`${direct(portB)}${reviewUrl(d)}`);
    await expect(sam.getByRole('heading', { name: 'Face details' })).toBeVisible();
    const [attempt] = await query<{ id: string }>(`select id from audit_events where action = 'override.attempted' and customer_id = $1 and document_id = $2`, [
      d.customerId,
      d.documentId,
    ]);
    const outcomes = await query<{ action: string }>(`select action from audit_events where correlation_id = $1 order by seq`, [attempt!.id]);
    expect(outcomes.map((o) => o.action)).toEqual(['override.outcome_unknown']);
    const locks = await query<{ purpose: string; holder: string }>(`select purpose, holder from decision_locks where customer_id = $1 and document_id = $2`, [
      d.customerId,
      d.documentId,
    ]);
    expect(locks).toEqual([{ purpose: 'settling', holder: attempt!.id }]);
    expect((await sandbox.document(d.customerId, d.documentId)).liveness).toMatchObject({ conclusion: !aheadPass, facialCheck: !aheadPass });
  } finally {
    await sandbox.clearFaults();
    await samContext.close();
  }
});

test('SIGTERM while a PUT is delayed: the decision still records its outcome, then the instance exits', async ({ page }) => {
  test.setTimeout(90_000);
  const doc = SEED_CASES.sunglasses;
  balancer.route(portA);
  await signIn(page);
  await page.goto(`${balancer.url}${reviewUrl(doc)}`);
  const form = await fillOverride(page, 'Mask edge visible at the jaw in two frames.');
  // Slower than the time the test needs to signal, well within ARTEMIS_TIMEOUT_MS (4 s).
  await sandbox.fault({ method: 'PUT', pathContains: '/liveness', latencyMs: 2_500, count: 1 });
  const saved = form.getByRole('button', { name: 'Save override' }).click();

  const attempts = () =>
    query<{ id: string }>(`select id from audit_events where action = 'override.attempted' and customer_id = $1 and document_id = $2`, [
      doc.customerId,
      doc.documentId,
    ]);
  await expect.poll(async () => (await attempts()).length, { timeout: 10_000, intervals: [100] }).toBe(1);
  const instanceA = servers[0]!;
  instanceA.process.kill('SIGTERM');
  // Draining: the instance takes no new request while its decision finishes.
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${portA}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 3_000 },
    )
    .not.toBe(200);

  await saved;
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  expect(await instanceA.exited).toBe(143);
  const [attempt] = await attempts();
  const outcomes = await query<{ action: string }>(`select action from audit_events where correlation_id = $1`, [attempt!.id]);
  expect(outcomes.map((o) => o.action)).toEqual(['override.applied']);
  const log = instanceA.lines.filter((l) => l.component === 'shutdown');
  // The signal came while the decision was under way, and the instance waited for it.
  expect(log[0]).toMatchObject({ msg: expect.stringContaining('shutting down'), decisionsInFlight: 1 });
  expect(log.at(-1)?.msg).toBe('shut down');
  expect(instanceA.lines.some((l) => l.msg.startsWith('grace period over'))).toBe(false);
});

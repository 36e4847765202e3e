// What the benchmark's parts share: the figures table, the app server, sign-in and the load generator.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { createArtemisClient } from '../../lib/artemis/client';
import type { Sandbox } from '../../sandbox/server';

export type Figure = { name: string; value: number; unit: string; budget?: string; met?: boolean };

export const figures: Figure[] = [];

const round = (n: number) => Math.round(n * 100) / 100;

export function record(f: Figure): void {
  figures.push(f);
  const verdict = f.met === undefined ? '' : f.met ? '  ✓ met' : '  ✗ NOT met';
  console.log(`${f.name.padEnd(66)} ${String(round(f.value)).padStart(10)} ${f.unit.padEnd(8)} ${f.budget ?? ''}${verdict}`);
}

export function printHeader(title: string): void {
  console.log(`\n${title}\n${'figure'.padEnd(66)} ${'value'.padStart(10)} unit     budget`);
}

export function machine() {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

/**
 * A fixed piece of CPU work (arithmetic, then JSON of 200,000 small objects) in a fresh Node
 * process, in ms (median of three). The same code on the same machine kind has timed pages a
 * third apart on different days; this figure, taken at the start and the end of a run, says
 * how fast the machine was while the run's other figures were taken.
 */
export function speedProbe(): number {
  const work = `const t = process.hrtime.bigint(); let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7;
    JSON.parse(JSON.stringify(Array.from({ length: 2e5 }, (_, i) => ({ a: i, b: 'x' + i }))));
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6 + x * 0));`;
  return median([0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', work], { encoding: 'utf8' }))));
}

/** The middle value (the upper one of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export type SandboxCredentials = { clientId: string; clientSecret: string; domainId: string };

/** The app's environment pointed at a sandbox of the benchmark's, with its data folder. */
export function appEnvFor(baseEnv: NodeJS.ProcessEnv, sandboxUrl: string, credentials: SandboxCredentials, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv,
    ARTEMIS_API_URL: sandboxUrl,
    ARTEMIS_TOKEN_URL: `${sandboxUrl}/oauth/token`,
    ARTEMIS_CLIENT_ID: credentials.clientId,
    ARTEMIS_CLIENT_SECRET: credentials.clientSecret,
    ARTEMIS_DOMAIN_ID: credentials.domainId,
    DATA_DIR: dataDir,
    // The bench signs its users in with a password: the gate reads the session row either way.
    MFA_REQUIRED: 'off',
  };
}

export const BENCH_AUTH_SECRET = 'bench-auth-secret-0123456789abcdef0123456789';

export type BenchUser = { email: string; password: string; name: string; role: 'reviewer' | 'auditor' | 'admin' };

/** Creates an account with the users command, as an operator would. */
export function addUser(env: NodeJS.ProcessEnv, user: BenchUser): void {
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', user.email, '--role', user.role, '--name', user.name], {
    env: { ...env, NEW_USER_PASSWORD: user.password },
    stdio: 'pipe',
  });
}

export type AppServer = { url: string; pid: number; stop: () => void };

/** `next start` of the current build, in its own process group so that stopping it stops everything it started. */
export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<AppServer> {
  const app = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], { env, stdio: 'ignore', detached: true });
  const url = `http://localhost:${port}`;
  const stop = () => {
    try {
      if (app.pid) process.kill(-app.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await waitFor(`${url}/status`);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, pid: app.pid!, stop };
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** Signs in through Auth.js's own endpoints and returns the session cookie. */
export async function signIn(appUrl: string, user: BenchUser): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`bench sign-in as ${user.email} failed`);
  return session.split(';')[0]!;
}

export type LoadResult = { rps: number; p50: number; p95: number; requests: number };

/** autocannon against one URL; any non-2xx answer or error fails the run (a redirect to sign-in is not a page). */
export async function load(url: string, cookie: string, connections: number, durationSeconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: durationSeconds, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p95: p95(result), requests: result.requests.total };
}

/** autocannon reports p90 and p97.5 but not p95; take the midpoint, a slight overestimate. */
function p95(result: autocannon.Result): number {
  const l = result.latency as unknown as Record<string, number | undefined>;
  return l.p95 ?? ((l.p90 ?? 0) + (l.p97_5 ?? 0)) / 2;
}

/** CPU time a process has used so far, user and system, in milliseconds (Linux; NaN elsewhere). */
export function cpuMilliseconds(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident memory of a process and its children, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const pids = [pid, ...childrenOf(pid)];
  let total = 0;
  for (const p of pids) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* exited */
    }
  }
  return total;
}

function childrenOf(pid: number): number[] {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return direct.flatMap((c) => [c, ...childrenOf(c)]);
  } catch {
    return [];
  }
}

/** Debian's Chromium where installed, with the flags it needs here (TOOLCHAIN pitfall 1). */
export const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function setLatency(sandbox: Sandbox, ms: number) {
  await fetch(`${sandbox.url}/__sandbox/latency`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
}

type Counters = { tokenRequests: number; apiRequests: number };

/**
 * Counts the upstream requests from here on. It first waits for the previous phase's last
 * views, which the load generator abandoned at its deadline but the app still serves, to stop
 * reaching the sandbox: otherwise their calls are counted here.
 */
export async function stats(sandbox: Sandbox) {
  const read = async () => (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as Counters;
  for (let previous = await read(); ;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await read();
    if (now.apiRequests === previous.apiRequests && now.tokenRequests === previous.tokenRequests) break;
    previous = now;
  }
  await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  return read;
}

/** The p95 of a sorted sample: the value 95 % of the sample stays at or under. */
export const p95Of = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

/**
 * The upstream's own p95 as the console's Artemis client sees it: a review page's two reads
 * (customer and document of `reviewPath`), made together as the page makes them, from here.
 */
export async function upstreamReadsP95(env: NodeJS.ProcessEnv, reviewPath: string, samples: number): Promise<number> {
  const [customerId, documentId] = reviewPath.match(/\d+/g)!.map(Number) as [number, number];
  const artemis = createArtemisClient({
    apiUrl: env.ARTEMIS_API_URL!,
    tokenUrl: env.ARTEMIS_TOKEN_URL!,
    clientId: env.ARTEMIS_CLIENT_ID!,
    clientSecret: env.ARTEMIS_CLIENT_SECRET!,
    domainId: env.ARTEMIS_DOMAIN_ID!,
    timeoutMs: 5000,
  });
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await Promise.all([artemis.getCustomer(customerId), artemis.getDocument(customerId, documentId)]);
    times.push(performance.now() - started);
  }
  return p95Of(times);
}

/**
 * Runs an in-process measurement (`worker`, a script printing one JSON line) on SQLite in a fresh
 * data folder and, when `postgresUrl` is given, on that emptied schema; returns each database's result.
 */
export async function onEachDatabase<T>(
  baseEnv: NodeJS.ProcessEnv,
  postgresUrl: string | undefined,
  worker: string,
  extraEnv: Record<string, string> = {},
): Promise<[string, T][]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-bench-worker-'));
  try {
    const databases: [string, Record<string, string>][] = [['SQLite', { DATA_DIR: dataDir }]];
    if (postgresUrl) databases.push(['PostgreSQL', { DATABASE_URL: postgresUrl }]);
    const results: [string, T][] = [];
    for (const [name, database] of databases) {
      const env: NodeJS.ProcessEnv = { ...baseEnv, ...database, ...extraEnv };
      if (env.DATABASE_URL) execFileSync('npx', ['tsx', 'scripts/db-reset.ts'], { env, stdio: 'pipe' });
      const { stdout } = await promisify(execFile)('npx', ['tsx', '--conditions=react-server', worker], { env });
      results.push([name, JSON.parse(stdout.trim().split('\n').at(-1)!) as T]);
    }
    return results;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * CI's dependency gate (`npm run deps:check`):
 *   1. the versions the security review relies on: next ≥ 16.4.5, react and react-dom ≥ 19.2.9,
 *      next-auth exactly 5.0.0-beta.32, and a single @auth/core in the lock file;
 *   2. `npm audit --omit=dev`: fails on high or critical findings. A registry that does not
 *      answer audit requests (some mirrors refuse them) gives a warning, not a failure: the
 *      check cannot be done there, which is different from a finding.
 * Exit codes: 0 fine (perhaps with a warning), 1 a finding or a wrong version.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

type Lock = { packages: Record<string, { version?: string }> };

export type AuditVerdict = { kind: 'ok' | 'findings' | 'unavailable'; message: string };

/** Reads `npm audit --json` output; anything that is not a report means the audit could not run. */
export function judgeAudit(stdout: string): AuditVerdict {
  let report: { metadata?: { vulnerabilities?: Record<string, number> }; message?: string; error?: { summary?: string } };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { kind: 'unavailable', message: 'npm audit gave no readable report' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unavailable', message: report.message ?? report.error?.summary ?? 'npm audit gave no report' };
  const high = (counts.high ?? 0) + (counts.critical ?? 0);
  const summary = Object.entries(counts)
    .filter(([level, n]) => level !== 'total' && n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
  return high > 0
    ? { kind: 'findings', message: `npm audit: ${summary} (high or critical present)` }
    : { kind: 'ok', message: `npm audit: ${summary || 'no known vulnerabilities'}` };
}

function compare(a: string, b: string): number {
  const parse = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    if (x === undefined) return 1; // 1.0.0 > 1.0.0-beta
    if (y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Problems with the pinned versions in a lock file; empty when all is well. */
export function checkPins(lock: Lock): string[] {
  const problems: string[] = [];
  const version = (name: string) => lock.packages[`node_modules/${name}`]?.version;
  for (const [name, minimum] of [
    ['next', '16.4.5'],
    ['react', '19.2.9'],
    ['react-dom', '19.2.9'],
  ] as const) {
    const v = version(name);
    if (!v || compare(v, minimum) < 0) problems.push(`${name} ${v ?? 'missing'} is older than ${minimum}`);
  }
  if (version('next-auth') !== '5.0.0-beta.32') problems.push(`next-auth must be exactly 5.0.0-beta.32, found ${version('next-auth') ?? 'none'}`);
  const authCores = Object.entries(lock.packages).filter(([p]) => p === 'node_modules/@auth/core' || p.endsWith('/node_modules/@auth/core'));
  if (authCores.length !== 1) {
    problems.push(`expected one @auth/core in package-lock.json, found ${authCores.map(([p, e]) => `${p}@${e.version}`).join(', ') || 'none'}`);
  }
  return problems;
}

function runAudit(): Promise<string> {
  return new Promise((resolve) => {
    // npm audit exits non-zero both for findings and for an unreachable endpoint: judge the JSON.
    execFile('npm', ['audit', '--omit=dev', '--json'], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (_error, stdout) => resolve(String(stdout ?? '')));
  });
}

async function main(): Promise<number> {
  const problems = checkPins(JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock);
  for (const problem of problems) console.error(`dependency pin: ${problem}`);
  const verdict = judgeAudit(await runAudit());
  if (verdict.kind === 'unavailable') console.warn(`WARNING: dependency audit skipped: ${verdict.message}`);
  else if (verdict.kind === 'findings') console.error(verdict.message);
  else console.log(verdict.message);
  return problems.length > 0 || verdict.kind === 'findings' ? 1 : 0;
}

if (process.argv[1]?.endsWith('dependency-audit.ts')) process.exitCode = await main();

// SPEC §10, decision integrity under stress: two instances on one database, two reviewers saving
// conflicting decisions on the same document at the same moment, an Artemis whose every answer
// takes 0–500 ms and that answers 10 % of PUTs with a 504 after carrying them out. Each save is
// a real server action call, as the browser makes it.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isFinalOutcome, APPLIED, ATTEMPTED } from '@/lib/audit/outcomes';
import { documentVersion } from '@/lib/liveness/version';
import { createDatabase } from '@/lib/db';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createDemoSeed } from '../../sandbox/seed';
import { findDocument } from '../../sandbox/state';
import { addUser, appEnvFor, record, signIn, startApp, type AppServer, type BenchUser, type SandboxCredentials } from './support';

const ROUNDS = 100;
const TIMEOUT_MS = 2_000;
const REVIEWERS: [BenchUser, BenchUser] = [
  { email: 'bench.rita@example.test', password: 'bench-password-0123', name: 'Bench Rita', role: 'reviewer' },
  { email: 'bench.sam@example.test', password: 'bench-password-0123', name: 'Bench Sam', role: 'reviewer' },
];

type Pair = { conclusion: boolean; facialCheck: boolean };
type Answer = { ok: boolean; outcome?: string; kind?: string };
type Round = { customerId: number; documentId: number; tried: [Pair, Pair]; answers: [Answer, Answer]; puts: { pair: Pair; applied: boolean }[] };

export async function integrityFigures(options: {
  baseEnv: NodeJS.ProcessEnv;
  postgresUrl: string | undefined;
  ports: [number, number];
  credentials: SandboxCredentials;
}): Promise<void> {
  const sandbox = await startSandbox({ port: 0, ...options.credentials, seed: 'demo' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-bench-integrity-'));
  const env: NodeJS.ProcessEnv = {
    ...appEnvFor(options.baseEnv, sandbox.url, options.credentials, dataDir),
    ARTEMIS_TIMEOUT_MS: String(TIMEOUT_MS),
    FOUR_EYES: 'off',
    SYNC_INTERVAL_SECONDS: '0',
  };
  if (options.postgresUrl) {
    env.DATABASE_URL = options.postgresUrl;
    execFileSync('npx', ['tsx', 'scripts/db-reset.ts'], { env: { ...process.env, DATABASE_URL: options.postgresUrl }, stdio: 'pipe' });
  } else delete env.DATABASE_URL;
  const apps: AppServer[] = [];
  try {
    for (const user of REVIEWERS) addUser(env, user);
    for (const port of options.ports) apps.push(await startApp(env, port));
    const cookies = await Promise.all(REVIEWERS.map((user, i) => signIn(apps[i]!.url, user)));
    const saveOverride = actionId('saveOverrideAction');

    await control(sandbox, 'random', { seed: 16 });
    await control(sandbox, 'latency', { minMs: 0, maxMs: 500 });

    const documents = createDemoSeed('')
      .documents.filter((d) => d.id >= 5022)
      .map((d) => ({ customerId: d.customerId, documentId: d.id }));
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const doc = documents[r % documents.length]!;
      const stored = findDocument(sandbox.state, doc.customerId, doc.documentId)!;
      const current = stored.liveness as Partial<Pair>;
      // Two decisions that differ from each other and from what Artemis holds.
      const tried: [Pair, Pair] = [
        { conclusion: !current.conclusion, facialCheck: !current.facialCheck },
        { conclusion: !current.conclusion, facialCheck: !!current.facialCheck },
      ];
      const seenVersion = documentVersion(JSON.parse(JSON.stringify(stored)) as { updatedAt?: unknown; liveness?: unknown });
      // One PUT in ten is carried out, then answered 504.
      if (r % 10 === 3) await control(sandbox, 'faults', { status: 504, applyFirst: true, method: 'PUT', pathContains: '/liveness', count: 1 });
      const logged = sandbox.state.requests.length;
      const answers = (await Promise.all(
        tried.map((pair, i) =>
          callAction(apps[i]!.url, cookies[i]!, saveOverride, `/customers/${doc.customerId}/documents/${doc.documentId}`, {
            ...doc,
            seenVersion,
            conclusion: pair.conclusion ? 'pass' : 'fail',
            facialCheck: pair.facialCheck ? 'pass' : 'fail',
            reasonCode: 'SPOOF_SUSPECTED',
            reason: reasonFor(r, i),
          }),
        ),
      )) as [Answer, Answer];
      const puts = sandbox.state.requests
        .slice(logged)
        .filter((q) => q.method === 'PUT' && q.path === `/api/customer/${doc.customerId}/document/${doc.documentId}/liveness`)
        .map((q) => {
          const body = q.body as Pair;
          return { pair: { conclusion: body.conclusion, facialCheck: body.facialCheck }, applied: q.status === 200 || q.appliedStatus === 200 };
        });
      rounds.push({ ...doc, tried, answers, puts });
    }

    // Settling: the windows after unknown outcomes end, then the reconciliation an operator runs.
    await new Promise((resolve) => setTimeout(resolve, 2 * TIMEOUT_MS + 500));
    await control(sandbox, 'latency', { ms: 0 });
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    // Asynchronously: the sandbox it reads from is served by this process.
    await promisify(execFile)('npx', ['tsx', '--conditions=react-server', 'scripts/audit-reconcile.ts'], { env }).catch((error: { stderr?: string }) => {
      // Exit 1 also reports drift, which the figures below count; anything else is a failure.
      if (!/DRIFT|UNSETTLED/.test(error.stderr ?? '')) throw error;
    });

    await report(rounds, env, dataDir, sandbox);
  } finally {
    for (const app of apps) app.stop();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function report(rounds: Round[], env: NodeJS.ProcessEnv, dataDir: string, sandbox: Sandbox): Promise<void> {
  const db = await createDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { sqlitePath: path.join(dataDir, 'console.db') });
  try {
    const events = (
      await db
        .selectFrom('audit_events')
        .select(['id', 'action', 'correlation_id', 'after_json', 'reason_text', 'customer_id', 'document_id', 'seq'])
        .orderBy('seq')
        .execute()
    ).map((e) => ({
      ...e,
      after: e.after_json ? (JSON.parse(e.after_json) as Pair) : null,
      document: `${Number(e.customer_id)}/${Number(e.document_id)}`,
    }));
    const attempts = events.filter((e) => e.action === ATTEMPTED);
    const finals = new Map<string, string[]>();
    for (const e of events) if (e.correlation_id && isFinalOutcome(e.action)) finals.set(e.correlation_id, [...(finals.get(e.correlation_id) ?? []), e.action]);
    const same = (a: Pair | null, b: Pair) => a?.conclusion === b.conclusion && a?.facialCheck === b.facialCheck;

    let falseApplied = 0;
    let falseFailed = 0;
    let lostUpdates = 0;
    let maxPuts = 0;
    let unknownAnswers = 0;
    for (const [r, round] of rounds.entries()) {
      maxPuts = Math.max(maxPuts, round.puts.length);
      if (round.answers.filter((a) => a.ok).length > 1 || round.puts.filter((p) => p.applied).length > 1) lostUpdates += 1;
      unknownAnswers += round.answers.filter((a) => a.kind === 'unknown').length;
      for (const [i, pair] of round.tried.entries()) {
        const attempt = attempts.find((a) => a.reason_text === reasonFor(r, i));
        if (!attempt) continue;
        const reached = round.puts.some((p) => p.applied && same(p.pair, pair));
        const outcome = finals.get(attempt.id)?.[0];
        if (outcome === APPLIED && !reached) falseApplied += 1;
        if (outcome !== undefined && outcome !== APPLIED && reached && outcome !== 'override.superseded') falseFailed += 1;
      }
    }
    // What Artemis holds at the end is what the trail last applied, document by document.
    let drifted = 0;
    for (const key of new Set(rounds.map((r) => `${r.customerId}/${r.documentId}`))) {
      const [customerId, documentId] = key.split('/').map(Number) as [number, number];
      const held = findDocument(sandbox.state, customerId, documentId)!.liveness as Pair;
      const last = events.filter((e) => e.document === key && e.action === APPLIED).at(-1);
      if (last && !same(last.after, held)) drifted += 1;
    }
    const withoutOutcome = attempts.filter((a) => !finals.has(a.id)).length;
    const doubled = [...finals.values()].filter((list) => list.length > 1).length;

    const label = env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
    const prefix = `integrity, ${rounds.length} rounds × 2 saves, two instances on ${label}`;
    record({ name: `${prefix}: PUTs per document version (most in a round)`, value: maxPuts, unit: 'PUTs', budget: '≤ 1', met: maxPuts <= 1 });
    record({ name: `${prefix}: lost updates`, value: lostUpdates, unit: '', budget: '0', met: lostUpdates === 0 });
    record({
      name: `${prefix}: documents where Artemis holds other values than the trail last applied`,
      value: drifted,
      unit: '',
      budget: '0',
      met: drifted === 0,
    });
    record({ name: `${prefix}: false "applied"`, value: falseApplied, unit: '', budget: '0', met: falseApplied === 0 });
    record({ name: `${prefix}: false "failed"`, value: falseFailed, unit: '', budget: '0', met: falseFailed === 0 });
    record({ name: `${prefix}: attempts without an outcome after settling`, value: withoutOutcome, unit: '', budget: '0', met: withoutOutcome === 0 });
    record({ name: `${prefix}: two outcomes for one attempt`, value: doubled, unit: '', budget: '0', met: doubled === 0 });
    record({ name: `${prefix}: saves answered "outcome unknown" (the PUTs applied behind a 504)`, value: unknownAnswers, unit: '' });
    record({ name: `${prefix}: attempts recorded`, value: attempts.length, unit: '' });
  } finally {
    await db.destroy();
  }
}

/** Each save's reason names its round and reviewer: how the report finds its attempt. */
const reasonFor = (round: number, reviewer: number) => `Integrity stress round ${round + 1}, reviewer ${reviewer + 1}.`;

async function control(sandbox: Sandbox, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox ${route} answered ${res.status}`);
}

/** The id of a server action in this build. */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`server action ${name} is not in this build`);
  return found[0];
}

/** Calls a server action as the browser's form does, and reads its result from the answer. */
async function callAction(appUrl: string, cookie: string, id: string, page: string, input: unknown): Promise<Answer> {
  const res = await fetch(`${appUrl}${page}`, {
    method: 'POST',
    headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: appUrl, cookie },
    body: JSON.stringify([input]),
  });
  const text = await res.text();
  for (const line of text.split('\n')) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    const value = JSON.parse(match[1]!) as Record<string, unknown>;
    if (typeof value.ok === 'boolean') return value as Answer;
  }
  throw new Error(`saveOverrideAction answered ${res.status} without a result`);
}

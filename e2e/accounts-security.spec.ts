import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { auditEvents, lastAuditSeq } from './audit-db';
import { E2E } from './config';
import { signOut } from './two-factor-support';

const PASSWORD = 'correct horse battery 9';

/** A fresh account of its own, so that locking it out or ending its sessions touches nobody else. */
function freshAccount(label: string): string {
  const email = `${label}.${Date.now()}@example.test`;
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', email, '--role', 'reviewer'], {
    env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: PASSWORD },
    stdio: 'pipe',
  });
  return email;
}

/** Auth.js's own endpoints, as a script would use them: true when a session cookie was issued. */
async function postCredentials(api: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}): Promise<boolean> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password }, headers, maxRedirects: 0, failOnStatusCode: false });
  return res.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('session-token='));
}

const failuresFor = (email: string, since: number) => auditEvents({ since, action: 'auth.sign_in_failed' }).filter((e) => e.actor_email === email);

// The four-eyes instance trusts one proxy hop: these requests play that proxy and every client behind it.
test.describe('the throttle, on every path that checks a password', () => {
  let api: APIRequestContext;
  test.beforeEach(async () => {
    api = await playwrightRequest.newContext({ baseURL: E2E.fourEyesUrl });
  });
  test.afterEach(async () => {
    await api.dispose();
  });

  test('12 wrong passwords from 12 addresses through Auth.js’s own endpoint, then the right one: no session until the wait has passed', async () => {
    test.slow();
    const email = freshAccount('sprayed');
    const since = lastAuditSeq();
    for (let i = 0; i < 12; i++) {
      expect(await postCredentials(api, email, `wrong password ${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` })).toBe(false);
    }
    expect(await postCredentials(api, email, PASSWORD, { 'x-forwarded-for': '198.51.100.77' })).toBe(false);
    // Only the free failures were checked at all; the rest were refused before any hashing.
    expect(failuresFor(email, since)).toHaveLength(5);
    expect(auditEvents({ since, action: 'auth.locked_out' }).filter((e) => e.actor_email === email)).toHaveLength(1);

    await expect.poll(() => postCredentials(api, email, PASSWORD, { 'x-forwarded-for': '198.51.100.77' }), { timeout: 45_000, intervals: [3_000] }).toBe(true);
    expect(auditEvents({ since, action: 'auth.sign_in' }).filter((e) => e.actor_email === email)).toHaveLength(1);
  });

  test('20 concurrent wrong attempts record no more failures than are free before the wait applies', async () => {
    const email = freshAccount('concurrent');
    const since = lastAuditSeq();
    const issued = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postCredentials(api, email, `wrong password ${i}`, { 'x-forwarded-for': `192.0.2.${i + 1}` })),
    );
    expect(issued.every((cookie) => !cookie)).toBe(true);
    const failures = failuresFor(email, since);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length).toBeLessThanOrEqual(5);
  });
});

test('with no proxy configured, the client address is the socket’s, never what X-Forwarded-For claims', async () => {
  const api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  try {
    const since = lastAuditSeq();
    await postCredentials(api, 'nobody.here@example.test', 'wrong password', { 'x-forwarded-for': '203.0.113.66' });
    const [failure] = auditEvents({ since, action: 'auth.sign_in_failed' });
    const { client } = JSON.parse(failure!.detail_json!) as { client: string };
    expect(client).not.toContain('203.0.113.66');
    expect(client).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  } finally {
    await api.dispose();
  }
});

test('sign-out ends the session on the server: a copy of the cookie is refused after it', async ({ browser }) => {
  const email = freshAccount('signout');
  const context = await browser.newContext({ baseURL: E2E.appUrl });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  const copied = await context.cookies();
  const since = lastAuditSeq();

  await signOut(page);
  expect(auditEvents({ since, action: 'auth.sign_out' }).map((e) => e.actor_email)).toEqual([email]);

  const replay = await browser.newContext({ baseURL: E2E.appUrl });
  await replay.addCookies(copied);
  const stolen = await replay.newPage();
  await stolen.goto('/customers');
  await expect(stolen).toHaveURL(/\/sign-in/);
  await replay.close();
  await context.close();
});

test('a demo on a data folder, then a real tenant on the same folder: the demo admin cannot sign in', async () => {
  test.slow();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lrc-e2e-demo-'));
  const port = E2E.appPort + 7;
  // SQLite in that folder, whatever database the suite runs on; the demo without any Artemis settings.
  const without = (env: Record<string, string>, names: string[]) => Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
  const real = without({ ...E2E.appEnv, DATA_DIR: dataDir, PORT: String(port) }, ['DATABASE_URL']);
  const demo = {
    ...without(real, ['ARTEMIS_API_URL', 'ARTEMIS_TOKEN_URL', 'ARTEMIS_CLIENT_ID', 'ARTEMIS_CLIENT_SECRET', 'ARTEMIS_DOMAIN_ID']),
    SANDBOX_PORT: String(E2E.sandboxPort + 7),
  };
  try {
    const demoLog = await runServer(demo, port, async (api) => {
      expect(await postCredentials(api, 'admin@demo.test', 'admin-liveness-1')).toBe(true);
    });
    expect(demoLog.split('\n').find((line) => line.includes('DEMO MODE'))).toBeTruthy();

    const realLog = await runServer(real, port, async (api) => {
      expect(await postCredentials(api, 'admin@demo.test', 'admin-liveness-1')).toBe(false);
    });
    expect(realLog).toContain('Demo accounts disabled');
    expect(realLog).toContain('admin@demo.test');
    expect(realLog).not.toContain('DEMO MODE');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Starts `next start` of the suite's build with `env`, runs `check` against it, stops it; returns its output. */
async function runServer(env: Record<string, string>, port: number, check: (api: APIRequestContext) => Promise<void>): Promise<string> {
  // Only `env` configures it: nothing of the runner's own Artemis or database settings leaks in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ARTEMIS_|DATABASE_URL$|AUTH_|DATA_DIR$)/.test(name)));
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: { ...inherited, ...env } as NodeJS.ProcessEnv,
    detached: true,
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const api = await playwrightRequest.newContext({ baseURL: `http://localhost:${port}` });
  try {
    await expect.poll(async () => (await api.get('/sign-in', { failOnStatusCode: false }).catch(() => null))?.status() ?? 0, { timeout: 30_000 }).toBe(200);
    await check(api);
    return output;
  } finally {
    await api.dispose();
    process.kill(-server.pid!, 'SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

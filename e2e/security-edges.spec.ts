import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { createDemoSeed } from '../sandbox/seed';
import { claimsOn } from './audit-db';
import { E2E } from './config';
import { reviewUrl } from './review-helpers';

const PASSWORD = 'correct horse battery 8';

function users(...args: string[]) {
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', ...args], {
    env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: PASSWORD },
    stdio: 'pipe',
  });
}

/** Signs an account in through Auth.js's own endpoints, as a script would: the context and its session cookie. */
async function signedIn(email: string) {
  const api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password: PASSWORD }, maxRedirects: 0 });
  const cookie = (await api.storageState()).cookies.find((c) => c.name === 'authjs.session-token');
  expect(cookie, 'a session was issued').toBeTruthy();
  return { api, csrfToken, cookie: `authjs.session-token=${cookie!.value}` };
}

async function askSession(cookie: string) {
  const api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  try {
    const response = await api.get('/api/auth/session', { headers: { Cookie: cookie } });
    const reissued = response
      .headersArray()
      .some((h) => h.name.toLowerCase() === 'set-cookie' && /authjs\.session-token=[^;]+/.test(h.value) && !/authjs\.session-token=;/.test(h.value));
    return { body: await response.json(), reissued };
  } finally {
    await api.dispose();
  }
}

test('/api/auth/session answers no session for a cookie that sign-out or a disabled account ended', async () => {
  const email = `session.${Date.now()}@example.test`;
  users('add', email, '--role', 'reviewer');
  const first = await signedIn(email);
  expect((await askSession(first.cookie)).body).toMatchObject({ user: { id: expect.any(String) } });
  // Signed out in its own context; a copy of the cookie kept from before asks again.
  await first.api.post('/api/auth/signout', { form: { csrfToken: first.csrfToken }, maxRedirects: 0 });
  await first.api.dispose();
  expect(await askSession(first.cookie)).toEqual({ body: null, reissued: false });

  const second = await signedIn(email);
  await second.api.dispose();
  expect((await askSession(second.cookie)).body).toMatchObject({ user: { id: expect.any(String) } });
  users('disable', email);
  expect(await askSession(second.cookie)).toEqual({ body: null, reissued: false });
});

test('the callback receiver refuses a chunked body past its limit without reading it whole', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: E2E.appPort,
        method: 'POST',
        path: `/api/artemis/callback/${E2E.callbackSecret}`,
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error),
    );
    // No Content-Length: Node sends it chunked, 1 MB in 16 kB chunks.
    const chunk = `{"customerId":1003,"message":"${'x'.repeat(16 * 1024)}`;
    let sent = 0;
    const writeMore = () => {
      while (sent < 64) {
        sent++;
        if (!request.write(chunk)) return void request.once('drain', writeMore);
      }
      request.end('"}');
    };
    expect(request.getHeader('content-length')).toBeUndefined();
    writeMore();
  });
  expect(status).toBe(413);
});

test.describe('a review screen opened from another site', () => {
  test('is shown without claiming the document; Claim and review claims it', async ({ page }) => {
    // A reviewer of its own, and a document nobody holds now, so that no earlier claim stands.
    const email = `crosssite.${Date.now()}@example.test`;
    users('add', email, '--role', 'reviewer', '--name', 'Cross Site');
    const now = new Date().toISOString();
    const doc = createDemoSeed('http://127.0.0.1')
      .documents.map((d) => ({ customerId: d.customerId, documentId: d.id }))
      .reverse()
      .find((d) => claimsOn(d.customerId, d.documentId).every((c) => c.expires_at <= now))!;
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();

    // A page of another site linking to the review screen (SameSite=Lax sends the session along).
    await page.route('http://elsewhere.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Elsewhere</title><a href="${E2E.appUrl}${reviewUrl(doc)}">Open</a>` }),
    );
    const writtenFromNow = new Date(Date.now() + 14 * 60_000).toISOString();
    const fresh = () => claimsOn(doc.customerId, doc.documentId).filter((c) => c.expires_at >= writtenFromNow);
    await page.goto('http://elsewhere.test/');
    await page.getByRole('link', { name: 'Open' }).click();
    await expect(page.getByRole('heading', { name: 'Face details' })).toBeVisible();
    await expect(page.getByTestId('claim-offered')).toContainText('Not claimed: opened from another site');
    expect(fresh()).toEqual([]);

    await page.getByRole('button', { name: 'Claim and review' }).click();
    await expect(page.getByTestId('claim-mine')).toBeVisible();
    expect(fresh().map((c) => c.user_label)).toEqual(['Cross Site']);

    // Typed or bookmarked (no other site involved) claims as before.
    await page.goto(reviewUrl(doc));
    await expect(page.getByTestId('claim-mine')).toBeVisible();
  });
});

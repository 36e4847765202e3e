import { evidencePackPath } from '../lib/evidence-pack/paths';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents, confirmationsExpire, lastAuditSeq } from './audit-db';
import { E2E } from './config';
import { prepareStandalone, startStandalone, waitForStatus } from './fleet-support';
import { E2E_ACR, singleSignOn } from './single-sign-on';
import { fillOverride, reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';
import { builtActions, builtRoutes, leakedMarkers, postAction, getFollowingRsc } from './security-support';
import { codeFor, enrol, eventsOf, freshPage, newAccount, PASSWORD, queue, signInWithPassword, signOut, users, verifyWith } from './two-factor-support';

// On the instance that asks everyone for a second factor (MFA_REQUIRED=all, STEP_UP_MINUTES=15,
// FOUR_EYES=risky). Codes are computed from the secret the set-up page shows, with the same
// library the console uses. Serial: the journeys share accounts.
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: E2E.mfaUrl });

let alice: { email: string; secret: string; recoveryCodes: string[] };

test('an account without a factor sets one up before anything opens; then signs in with a code, taken once', async ({ page, browser }) => {
  const email = newAccount('alice');
  const since = lastAuditSeq();
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/sign-in\/setup/);
  // Nothing else opens meanwhile.
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in\/setup/);
  const { secret, recoveryCodes } = await enrol(page, email);
  expect(recoveryCodes).toHaveLength(10);
  alice = { email, secret, recoveryCodes };
  expect(eventsOf(email, since).map((e) => e.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'auth.mfa_enrolled']));
  expect(JSON.stringify(eventsOf(email, since))).not.toContain(secret);

  const second = await freshPage(browser);
  const code = codeFor(secret, 1);
  await verifyWith(second, email, code);
  await queue(second);
  expect(eventsOf(email, since).filter((e) => e.action === 'auth.mfa_verified')).toHaveLength(1);

  // The same code again, from another browser: refused.
  const replay = await freshPage(browser);
  await verifyWith(replay, email, code);
  await expect(replay.getByText('That code was already used. Wait for the next one.')).toBeVisible();
  await replay.goto('/');
  await expect(replay).toHaveURL(/\/sign-in\/verify/);
  expect(JSON.parse(eventsOf(email, since).find((e) => e.action === 'auth.mfa_failed')!.detail_json!)).toMatchObject({ replay: true, factor: 'code' });
});

test('a recovery code opens a session once', async ({ browser }) => {
  const since = lastAuditSeq();
  const first = await freshPage(browser);
  await verifyWith(first, alice.email, alice.recoveryCodes[0]!);
  await queue(first);
  const again = await freshPage(browser);
  await verifyWith(again, alice.email, alice.recoveryCodes[0]!);
  await expect(again.getByText('Invalid authentication code')).toBeVisible();
  expect(JSON.parse(eventsOf(alice.email, since).find((e) => e.action === 'auth.recovery_code_used')!.detail_json!)).toMatchObject({
    factor: 'recovery',
    recoveryCodesLeft: 9,
  });
});

test('six wrong codes: the sixth is throttled like a password', async ({ page, browser }) => {
  const email = newAccount('wrong');
  await enrol(page, email);
  const since = lastAuditSeq();
  const other = await freshPage(browser);
  await signInWithPassword(other, email);
  await expect(other).toHaveURL(/\/sign-in\/verify/);
  for (let i = 0; i < 6; i++) {
    await other.getByLabel('Authentication code').fill(i % 2 ? '000000' : '999999');
    // Each answer before the next try: the message reads the same every time.
    const answered = other.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in/verify');
    await other.getByRole('button', { name: 'Verify' }).click();
    await answered;
    // The form empties its field once the answer is in: typing before that would be wiped.
    await expect(other.getByLabel('Authentication code')).toHaveValue('');
    await expect(other.getByText(i < 5 ? 'Invalid authentication code' : /Too many wrong codes\. Try again in \d+ seconds\./)).toBeVisible();
  }
  const events = eventsOf(email, since);
  expect(events.filter((e) => e.action === 'auth.mfa_failed')).toHaveLength(5);
  expect(events.filter((e) => e.action === 'auth.locked_out')).toHaveLength(1);
});

test('a passkey added on the account page signs in through Chromium’s virtual authenticator', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.mfaUrl });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  await verifyWith(page, alice.email, alice.recoveryCodes[1]!);
  await queue(page);

  const since = lastAuditSeq();
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Two-factor authentication' });
  await expect(section.getByTestId('recovery-codes-left')).toHaveText('Recovery codes: 8 left');
  await section.getByLabel('Passkey name').fill('Work laptop');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(section.getByTestId('two-factor-ok')).toHaveText('Added the passkey Work laptop.');
  await expect(section.getByRole('list', { name: 'Your second factors' })).toContainText('Work laptop');
  expect(JSON.parse(eventsOf(alice.email, since).find((e) => e.action === 'auth.mfa_enrolled')!.detail_json!)).toMatchObject({
    factor: 'webauthn',
    name: 'Work laptop',
  });

  await signOut(page);
  await signInWithPassword(page, alice.email);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await queue(page);
  expect(JSON.parse(eventsOf(alice.email, since).find((e) => e.action === 'auth.mfa_verified')!.detail_json!)).toMatchObject({ factor: 'webauthn' });
  await context.close();
});

test('a session pending its second factor gets nothing from any page, image, route or action', async () => {
  test.setTimeout(120_000);
  const api = await playwrightRequest.newContext({ baseURL: E2E.mfaUrl });
  try {
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await api.post('/api/auth/callback/credentials', { form: { csrfToken, email: alice.email, password: PASSWORD }, maxRedirects: 0 });
    const cookie = (await api.storageState()).cookies.find((c) => c.name === 'authjs.session-token')!;
    const pending = { Cookie: `authjs.session-token=${cookie.value}` };
    await sandbox.clearRequests();
    const { customerId, documentId } = SEED_CASES.failed;
    // Public by design: the sign-in pages, the probes, the trivial page, the error pages and the evidence key.
    const open = ['/api/ready', '/api/health', '/status', '/_global-error', '/_not-found', '/icon.svg', '/.well-known/evidence-key.pem'];
    const routes = [
      ...builtRoutes().filter((r) => !open.includes(r) && !r.startsWith('/sign-in')),
      `/api/images?customerId=${customerId}&documentId=${documentId}&slot=reference`,
      evidencePackPath(customerId, documentId),
    ];
    for (const route of routes) {
      for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
        const response = await getFollowingRsc(api, route, { ...headers, ...pending });
        const body = await response.text();
        const label = `${JSON.stringify(headers)} ${route} → ${response.status()}`;
        expect(leakedMarkers(body), label).toEqual([]);
        if (route === '/api/auth/session') expect(body, label).toBe('null');
        // Route handlers (the sign-out route takes POST only) answer with an error, pages redirect.
        else if (route.startsWith('/api/') || route === '/sign-out') expect(response.status(), label).toBeGreaterThanOrEqual(400);
        else if (response.status() === 200) expect(body, label).toContain('NEXT_REDIRECT;replace;/sign-in/verify');
        else expect(response.headers()['location'], label).toMatch(/\/sign-in/);
      }
    }
    for (const action of builtActions().filter(
      (a) =>
        ![
          'signInWithPasswordAction',
          'verifySignInCodeAction',
          'passkeySignInOptionsAction',
          'verifySignInPasskeyAction',
          'enableAuthenticatorAppAction',
        ].includes(a.name),
    )) {
      const response = await postAction(api, action, { Origin: E2E.mfaUrl, ...pending });
      const body = await response.text();
      expect(body, action.name).not.toContain('"ok":true');
      expect(leakedMarkers(body), action.name).toEqual([]);
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
  } finally {
    await api.dispose();
  }
});

test('an admin resets a person’s two-factor (console and command line); they set it up again', async ({ page, browser }) => {
  const adminEmail = newAccount('lead', 'admin');
  await enrol(page, adminEmail);
  const since = lastAuditSeq();
  await page.goto('/admin/users');
  await page.getByRole('button', { name: `Reset two-factor of ${alice.email}` }).click();
  await expect(page.getByTestId('user-change-ok')).toContainText(`Two-factor reset for ${alice.email} (2 factors removed)`);
  const target = await freshPage(browser);
  await signInWithPassword(target, alice.email);
  await expect(target).toHaveURL(/\/sign-in\/setup/);

  expect(users('reset-mfa', adminEmail)).toContain(`Two-factor of ${adminEmail} reset (1 factor removed); their sessions have ended`);
  const resets = auditEvents({ since, action: 'auth.mfa_reset' });
  expect(resets.map((e) => JSON.parse(e.detail_json!).source)).toEqual(['console', 'cli']);
  expect(resets[0]!.actor_email).toBe(adminEmail);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('approving a proposal asks to confirm it’s you first: nothing reaches Artemis until then', async ({ browser }) => {
  await sandbox.reset();
  const doc = SEED_CASES.javaDateUpdatedAt;
  const maker = await freshPage(browser);
  await enrol(maker, newAccount('maker'));
  const checkerEmail = newAccount('checker');
  const checker = await freshPage(browser);
  const { secret } = await enrol(checker, checkerEmail);

  // Fail first (sent at once), then back to Pass: a risky change, proposed for a second reviewer.
  for (const verdict of ['Fail', 'Pass'] as const) {
    await maker.goto(reviewUrl(doc));
    const form = maker.getByRole('form', { name: 'Override' });
    await fillOverride(form, `Checked every frame; the machine was wrong (${verdict}).`, {
      conclusion: verdict,
      facialCheck: verdict,
      reasonCode: 'FALSE_REJECT',
    });
    await form.getByRole('button', { name: 'Save override' }).click();
    if (verdict === 'Fail') await expect(maker.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
    else await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toContainText('maker.');
  }

  confirmationsExpire(checkerEmail);
  await sandbox.clearRequests();
  await checker.goto(reviewUrl(doc));
  const decide = checker.getByRole('form', { name: 'Decide on proposal' });
  await decide.getByLabel('Reason for your decision').fill('Natural movement in every frame; agreed.');
  await decide.getByRole('button', { name: 'Approve' }).click();
  const dialog = checker.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog).toBeVisible();
  expect(await sandbox.livenessPuts()).toEqual([]);

  const since = lastAuditSeq();
  await dialog.getByLabel('Authentication code').fill(codeFor(secret, 1));
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(checker.getByTestId('proposal-decided')).toContainText('Approved and applied in Artemis');
  expect(await sandbox.livenessPuts()).toHaveLength(1);
  expect(eventsOf(checkerEmail, since).map((e) => e.action)).toEqual(expect.arrayContaining(['auth.step_up', 'override.approved', 'override.applied']));
});

test('with PASSWORD_SIGN_IN=off no password path opens; single sign-on counts as two factors only when the provider says so', async ({ browser }) => {
  test.setTimeout(90_000);
  const port = E2E.spareStandalonePort;
  const origin = `http://localhost:${port}`;
  const server = startStandalone(prepareStandalone(), port, {
    ...E2E.appEnv,
    PASSWORD_SIGN_IN: 'off',
    MFA_REQUIRED: 'all',
    AUTH_OIDC_REQUIRE_MFA: 'true',
    AUTH_OIDC_ACR: E2E_ACR,
  });
  try {
    await waitForStatus(`http://127.0.0.1:${port}/api/health`, 200);
    const email = newAccount('sso');
    const page = await (await browser.newContext({ baseURL: origin })).newPage();
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Continue with single sign-on' })).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveCount(0);

    const api = await playwrightRequest.newContext({ baseURL: origin });
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const posted = await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password: PASSWORD }, maxRedirects: 0 });
    expect(posted.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && /authjs\.session-token=[^;]+/.test(h.value))).toBe(false);
    await api.dispose();

    // One provider login per sign-in: each starts from a browser without the provider's session.
    for (const [login, opens] of [
      [email, false],
      [`mfa:${email}`, true],
      [`acr:${email}`, true],
    ] as const) {
      await page.context().clearCookies();
      await singleSignOn(page, login);
      if (opens) await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
      else await expect(page).toHaveURL(/\/sign-in\/setup/);
    }
  } finally {
    server.process.kill('SIGKILL');
  }
});

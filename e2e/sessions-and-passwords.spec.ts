import { execFileSync } from 'node:child_process';
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { auditEvents, lastAuditSeq, openSessionIdsOf } from './audit-db';
import { E2E, storageStateFor } from './config';
import { builtActions, cookieHeader, postAction } from './security-support';
import { newAccount, PASSWORD, queue, signInWithPassword, signOut } from './two-factor-support';

// SPEC §13: sessions a person can see and end, passwords they can own.

async function signedIn(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E.appUrl })).newPage();
  await signInWithPassword(page, email, password);
  await queue(page);
  return page;
}

/** Whether the page's session still opens the console. */
async function stillSignedIn(page: Page): Promise<boolean> {
  await page.goto('/customers');
  return !/\/sign-in/.test(page.url());
}

const mine = (email: string, since: number) => auditEvents({ since }).filter((e) => e.actor_email === email);

test('sessions are listed; one is ended from another, sign-out ends only its own, an admin ends them all', async ({ browser }) => {
  const email = newAccount('sessions');
  const since = lastAuditSeq();
  const laptop = await signedIn(browser, email);
  const phone = await signedIn(browser, email);

  await laptop.goto('/account');
  const sessions = laptop.getByRole('table', { name: 'Your sessions' });
  await expect(sessions.getByTestId('session-row')).toHaveCount(2);
  await expect(sessions.getByTestId('session-row').filter({ hasText: 'This session' })).toHaveCount(1);
  await expect(sessions).toContainText('Chrome');
  await sessions.getByRole('button', { name: /^Sign out .*, signed in / }).click();
  await expect(laptop.getByTestId('sessions-ok')).toHaveText('Session ended.');
  await expect(sessions.getByTestId('session-row')).toHaveCount(1);
  expect(await stillSignedIn(phone)).toBe(false);
  expect(await stillSignedIn(laptop)).toBe(true);

  await signInWithPassword(phone, email, PASSWORD);
  await queue(phone);
  await laptop.goto('/account');
  await laptop.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(laptop.getByTestId('sessions-ok')).toHaveText('1 other session ended.');
  expect(await stillSignedIn(phone)).toBe(false);

  // Sign-out: this session only, and the browser is told to drop what it cached.
  await signInWithPassword(phone, email, PASSWORD);
  await queue(phone);
  const signOut = laptop.waitForResponse((r) => new URL(r.url()).pathname === '/sign-out');
  await laptop.getByRole('button', { name: 'Sign out', exact: true }).click();
  expect((await (await signOut).allHeaders())['clear-site-data']).toBe('"cache", "storage"');
  await expect(laptop).toHaveURL(/\/sign-in/);
  expect(await stillSignedIn(phone)).toBe(true);

  const admin = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('admin') })).newPage();
  await admin.goto('/admin/users');
  await admin.getByRole('button', { name: `End sessions of ${email}` }).click();
  await expect(admin.getByTestId('user-change-ok')).toContainText(`Every session of ${email} has ended`);
  expect(await stillSignedIn(phone)).toBe(false);

  expect(mine(email, since).map((e) => e.action)).toEqual(expect.arrayContaining(['auth.session_ended', 'auth.sessions_ended', 'auth.sign_out']));
  expect(auditEvents({ since, action: 'user.sessions_ended' }).map((e) => [e.actor_email, JSON.parse(e.after_json!).email])).toEqual([
    [E2E.users.admin.email, email],
  ]);
  for (const page of [laptop, phone, admin]) await page.context().close();
});

test('a person changes their own password with the current one; a common one is refused; the other sessions end', async ({ browser }) => {
  const email = newAccount('password');
  const since = lastAuditSeq();
  const page = await signedIn(browser, email);
  const other = await signedIn(browser, email);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });

  await form.getByLabel('Current password').fill('not my password at all');
  await form.getByLabel('New password').fill('a passphrase of my own 2026');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('That is not your current password.')).toBeVisible();

  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill('password1234');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText(/Too easy to guess: a common or leaked password/)).toBeVisible();
  expect(await stillSignedIn(other)).toBe(true);

  await page.goto('/account');
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill('a passphrase of my own 2026');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByTestId('password-changed')).toHaveText('Password changed. Your other sessions have ended.');
  expect(await stillSignedIn(page)).toBe(true);
  expect(await stillSignedIn(other)).toBe(false);

  await signInWithPassword(other, email, PASSWORD);
  await expect(other.getByText('Invalid email or password')).toBeVisible();
  await signInWithPassword(other, email, 'a passphrase of my own 2026');
  await queue(other);
  expect(mine(email, since).map((e) => e.action)).toEqual(expect.arrayContaining(['auth.password_change_refused', 'auth.password_changed']));
  for (const p of [page, other]) await p.context().close();
});

test('common passwords are refused in /admin/users and by npm run users too', async ({ browser }) => {
  const admin = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('admin') })).newPage();
  await admin.goto('/admin/users');
  const form = admin.getByRole('form', { name: 'Add user' });
  await form.getByLabel('Email').fill(`common.${Date.now()}@example.test`);
  await form.getByLabel('Password').fill('qwertyuiop123');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByText(/Too easy to guess/)).toBeVisible();
  await expect(form.getByLabel('Password')).toHaveValue('qwertyuiop123');
  await admin.context().close();

  let refusal = '';
  try {
    execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', `cli.${Date.now()}@example.test`, '--role', 'reviewer'], {
      env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: 'Password123456' },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    refusal = String((error as { stderr?: string }).stderr);
  }
  expect(refusal).toContain('Too easy to guess');
});

test('an admin’s reset gives a one-time password that must be replaced before anything else opens', async ({ browser }) => {
  const email = newAccount('onetime');
  const since = lastAuditSeq();
  const admin = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('admin') })).newPage();
  await admin.goto('/admin/users');
  await admin.getByRole('button', { name: `Reset password of ${email}` }).click();
  await expect(admin.getByTestId('user-change-ok')).toContainText('it works for 24 hours');
  const oneTime = (await admin.getByTestId('one-time-password').textContent())!;
  expect(oneTime).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  await admin.context().close();

  const page = await (await browser.newContext({ baseURL: E2E.appUrl })).newPage();
  await signInWithPassword(page, email, PASSWORD);
  await expect(page.getByText('Invalid email or password')).toBeVisible();
  await signInWithPassword(page, email, oneTime);
  await expect(page).toHaveURL(/\/sign-in\/password/);
  await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  // Nothing else opens meanwhile.
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in\/password/);
  expect((await page.request.get('/api/audit/export')).status()).toBe(401);

  await page.getByLabel('New password').fill('letmein12345');
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expect(page.getByText(/Too easy to guess/)).toBeVisible();
  await page.getByLabel('New password').fill('my own passphrase 7719');
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  await signOut(page);
  await signInWithPassword(page, email, oneTime);
  await expect(page.getByText('Invalid email or password')).toBeVisible();
  await signInWithPassword(page, email, 'my own passphrase 7719');
  await queue(page);

  const reset = auditEvents({ since, action: 'user.password_reset' }).find((e) => JSON.parse(e.after_json!).email === email)!;
  expect(JSON.parse(reset.detail_json!)).toMatchObject({ source: 'console', oneTime: true, expiresAt: expect.any(String) });
  expect(JSON.parse(mine(email, since).find((e) => e.action === 'auth.password_changed')!.detail_json!)).toMatchObject({ replaced: 'one-time password' });
  await page.context().close();
});

test('the wrong role cannot end someone else’s sessions or sessions of its own by another’s id', async () => {
  const api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  try {
    const adminSessions = openSessionIdsOf(E2E.users.admin.email);
    const since = lastAuditSeq();
    const byName = (name: string) => builtActions().find((a) => a.name === name)!;
    const asReviewer = { Origin: E2E.appUrl, Cookie: cookieHeader('reviewer') };
    const endAll = await postAction(api, byName('endUserSessionsAction'), asReviewer);
    expect(await endAll.text()).toContain('Your role does not allow this action.');
    const endOne = await postAction(api, byName('endSessionAction'), asReviewer);
    expect(await endOne.text()).toContain('That session has already ended.');
    expect(openSessionIdsOf(E2E.users.admin.email)).toEqual(adminSessions);
    expect(auditEvents({ since, action: 'user.denied' }).map((e) => e.actor_email)).toEqual([E2E.users.reviewer.email]);
  } finally {
    await api.dispose();
  }
});
